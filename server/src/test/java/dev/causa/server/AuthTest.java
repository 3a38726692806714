package dev.causa.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Without the token nothing is answered and nothing changes; with it, as a bearer token or the cookie, all is. */
class AuthTest extends Served {

    @Test
    void theTokenIs256RandomBitsInAnOwnerOnlyFileReusedNextTime() throws Exception {
        var file = home.resolve(Tokens.FILE);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(Tokens.of(home).token()).isEqualTo(token);
        assertThat(Files.list(home).filter(p -> p.getFileName().toString().endsWith(".new"))).isEmpty();
    }

    @Test
    void withoutAValidTokenEveryRequestIs401AndChangesNothing() throws Exception {
        long actionsBefore = causa.actionRuns(null, 0).size();
        List<HttpRequest.Builder> anonymous = List.of(
                HttpRequest.newBuilder(uri("/api/v1/status")),
                HttpRequest.newBuilder(uri("/api/v1/jobs")).header("Authorization", "Bearer " + "0".repeat(64)),
                HttpRequest.newBuilder(uri("/api/v1/jobs")).header("Authorization", "Bearer " + token + "x"),
                HttpRequest.newBuilder(uri("/api/v1/jobs")).header("Authorization", "Basic " + token),
                HttpRequest.newBuilder(uri("/api/v1/jobs")).header("Cookie", "causa_token=nope"),
                HttpRequest.newBuilder(uri("/api/v1/events")),
                HttpRequest.newBuilder(uri("/api/v1/no-such-thing")),
                HttpRequest.newBuilder(uri("/")),
                HttpRequest.newBuilder(uri("/?token=wrong")));
        for (HttpRequest.Builder b : anonymous) {
            HttpResponse<String> r = send(b.timeout(Duration.ofSeconds(10)).GET().build());
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(401);
            assertThat(json(r).get("kind").asText()).isEqualTo("unauthorized");
            assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        }
        HttpResponse<String> run = send(HttpRequest.newBuilder(uri("/api/v1/actions/test.tick/runs"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"steps\":1}")).build());
        assertThat(run.statusCode()).isEqualTo(401);
        assertThat(causa.actionRuns(null, 0)).hasSize((int) actionsBefore);
    }

    @Test
    void theTokenLinkSetsAStrictHttpOnlyCookieAndRedirectsWithoutTheToken() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/?token=" + token)).GET().build());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("causa_token=" + token + ";").contains("HttpOnly").contains("SameSite=Strict");

        HttpResponse<String> withCookie = send(HttpRequest.newBuilder(uri("/api/v1/jobs"))
                .header("Cookie", "other=1; causa_token=" + token).GET().build());
        assertThat(withCookie.statusCode()).isEqualTo(200);
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/")).header("Cookie", "causa_token=" + token)
                .GET().build());
        assertThat(page.statusCode()).isEqualTo(200);
    }
}
