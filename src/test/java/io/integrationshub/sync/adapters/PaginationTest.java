package io.integrationshub.sync.adapters;

import io.integrationshub.sync.DiscoveredResource;
import io.integrationshub.sync.ProviderFailure;
import io.integrationshub.sync.adapters.ProviderHttp.Page;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The page loop itself, without HTTP: every page is collected, in order, up to the cap. */
class PaginationTest extends ProviderFakes {

    static DiscoveredResource item(int n) {
        return new DiscoveredResource("thing", "id-" + n, "thing " + n, null, null);
    }

    @Test
    void manySynchronousPagesNeitherRecurseNorLoseItems() {
        ProviderHttp http = providerHttp(Duration.ofSeconds(3), 5000);
        AtomicInteger calls = new AtomicInteger();
        List<DiscoveredResource> all = await(http.paginate("fake", 1, page -> {
            calls.incrementAndGet();
            return Uni.createFrom().item(new Page<>(List.of(item(page), item(page - 1)), page < 4000 ? page + 1 : null));
        }));
        assertThat(calls).hasValue(4000);
        assertThat(all).hasSize(4001); // duplicates by external id collapse
        assertThat(all.get(0).externalId()).isEqualTo("id-1");
        assertThat(all.get(4000).externalId()).isEqualTo("id-4000");
    }

    @Test
    void theCapAndAStuckCursorFailPermanently() {
        ProviderHttp http = providerHttp(Duration.ofSeconds(3), 10);
        AtomicInteger calls = new AtomicInteger();
        Throwable capped = http.paginate("fake", 1, page -> {
            calls.incrementAndGet();
            return Uni.createFrom().item(new Page<>(List.of(item(page)), page + 1));
        }).onItemOrFailure().transform((i, f) -> f).await().atMost(WAIT);
        assertThat(capped).isInstanceOf(ProviderFailure.class).hasMessage("fake returned more than 10 pages; stopped");
        assertThat(calls).hasValue(10);

        Throwable stuck = http.paginate("fake", "same", cursor -> Uni.createFrom().item(new Page<>(List.of(), "same")))
                .onItemOrFailure().transform((i, f) -> f).await().atMost(WAIT);
        assertThat(stuck).isInstanceOf(ProviderFailure.class).hasMessage("fake pagination did not advance after page 1");
    }

    @Test
    void aSinglePageIsFetchedOnce() {
        AtomicInteger calls = new AtomicInteger();
        List<DiscoveredResource> all = await(providerHttp().paginate("fake", 0, page -> {
            calls.incrementAndGet();
            return Uni.createFrom().item(Page.last(List.of(item(1))));
        }));
        assertThat(all).extracting(DiscoveredResource::externalId).containsExactly("id-1");
        assertThat(calls).hasValue(1);
    }
}
