package dev.causa.engine.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mapdb:} URLs name a file in (or outside) the causa home. */
class MapDbStoreProviderTest {

    @TempDir
    Path home;

    private final MapDbStoreProvider provider = new MapDbStoreProvider();

    @Test
    void handlesMapDbUrlsAndNoUrlAtAll() {
        assertThat(provider.handles("mapdb:")).isTrue();
        assertThat(provider.handles("mapdb:/data/causa.db")).isTrue();
        assertThat(provider.handles(null)).isTrue();
        assertThat(provider.handles("postgresql://localhost/causa")).isFalse();
    }

    @Test
    void aUrlNamesAFileRelativeToTheHomeOrAbsolute() {
        assertThat(MapDbStoreProvider.file(null, home)).isEqualTo(home.resolve("causa.db"));
        assertThat(MapDbStoreProvider.file("mapdb:", home)).isEqualTo(home.resolve("causa.db"));
        assertThat(MapDbStoreProvider.file("mapdb:stores/jobs.db", home)).isEqualTo(home.resolve("stores/jobs.db"));
        Path elsewhere = home.resolveSibling("elsewhere.db").toAbsolutePath();
        assertThat(MapDbStoreProvider.file("mapdb:" + elsewhere, home)).isEqualTo(elsewhere);
        assertThatThrownBy(() -> MapDbStoreProvider.file("postgresql://x", home))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maintenanceWorksOnTheClosedFile() {
        var admin = provider.admin("mapdb:", home).orElseThrow();
        assertThat(admin.check().healthy()).isTrue(); // a fresh store: created, empty, healthy
        assertThat(home.resolve("causa.db")).exists();
    }
}
