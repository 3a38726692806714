package dev.causa.engine.script;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * What a script may read: the files under its own folder (its modules), nothing else, and nothing written. Paths
 * are checked after resolving links, so a link inside the folder cannot lead out of it.
 */
final class ScriptFolderFileSystem implements FileSystem {

    private final FileSystem files = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
    private final Path root;

    ScriptFolderFileSystem(Path folder) throws IOException {
        this.root = folder.toRealPath();
    }

    private Path allowed(Path path) throws IOException {
        Path absolute = toAbsolutePath(path).normalize();
        Path real;
        try {
            real = absolute.toRealPath();
        } catch (NoSuchFileException missing) {
            real = absolute;
        }
        if (!real.startsWith(root)) {
            throw new SecurityException("scripts may only read files under their own folder " + root + ", not "
                    + absolute);
        }
        return real;
    }

    @Override
    public Path parsePath(URI uri) {
        return files.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        return files.parsePath(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
            throw new SecurityException("scripts cannot write or execute files: " + path);
        }
        files.checkAccess(allowed(path), modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new SecurityException("scripts cannot create directories: " + dir);
    }

    @Override
    public void delete(Path path) {
        throw new SecurityException("scripts cannot delete files: " + path);
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption option : options) {
            if (option != StandardOpenOption.READ && option != LinkOption.NOFOLLOW_LINKS) {
                throw new SecurityException("scripts cannot write files: " + path);
            }
        }
        return files.newByteChannel(allowed(path), options, attrs);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        return files.newDirectoryStream(allowed(dir), filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : root.resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return files.toRealPath(allowed(path), linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return files.readAttributes(allowed(path), attributes, options);
    }
}
