package dev.causa.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Where {@code causa serve} listens: {@code HOST:PORT}, by default {@value #DEFAULT}. */
public final class Listen {

    public static final String DEFAULT = "127.0.0.1:7070";

    private Listen() {
    }

    /** Parses {@code HOST:PORT} ({@code [::1]:7070} for IPv6); a bad value is one line of bad input. */
    public static InetSocketAddress parse(String hostPort) {
        String text = hostPort == null ? DEFAULT : hostPort.strip();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw dev.causa.engine.model.CausaException.badInput("--listen wants HOST:PORT, e.g. " + DEFAULT
                    + ", not '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw dev.causa.engine.model.CausaException.badInput("--listen: bad port in '" + text + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw dev.causa.engine.model.CausaException.badInput("--listen: unknown host '" + host + "'");
        }
    }

    /** Whether only this machine can reach the address. */
    public static boolean isLoopback(InetSocketAddress address) {
        return address.getAddress().isLoopbackAddress();
    }
}
