package dev.causa.engine.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventLoopTest {

    @Test
    void tasksPostedFromOtherThreadsRunOnTheLoopThreadInPostingOrder() throws Exception {
        EventLoop loop = new EventLoop();
        loop.bindToCurrentThread();
        Thread self = Thread.currentThread();
        List<Integer> seen = new ArrayList<>();
        List<Thread> ranOn = new ArrayList<>();
        AtomicBoolean settled = new AtomicBoolean();
        loop.hold();
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 1000; i++) {
                int n = i;
                loop.post(() -> {
                    seen.add(n);
                    ranOn.add(Thread.currentThread());
                });
            }
            loop.post(() -> {
                loop.release();
                settled.set(true);
            });
        });
        loop.run(settled::get);
        producer.join();
        assertThat(seen).hasSize(1000).isSorted();
        assertThat(ranOn).allMatch(t -> t == self);
    }

    @Test
    void endsOnceTheMainWorkSettledAndNothingIsPendingEvenIfEventsKeepArriving() throws Exception {
        EventLoop loop = new EventLoop();
        loop.bindToCurrentThread();
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        Thread flood = Thread.ofPlatform().start(() -> {
            started.countDown();
            while (!stop.get()) loop.post(() -> { });
        });
        started.await();
        loop.run(() -> true);
        stop.set(true);
        flood.join();
    }

    @Test
    void waitsForPendingWorkAfterTheMainWorkSettled() throws Exception {
        EventLoop loop = new EventLoop();
        loop.bindToCurrentThread();
        loop.hold();
        AtomicBoolean resolved = new AtomicBoolean();
        Thread.ofPlatform().start(() -> loop.post(() -> {
            loop.release();
            resolved.set(true);
        }));
        loop.run(() -> true);
        assertThat(resolved).isTrue();
        assertThat(loop.pending()).isZero();
    }

    @Test
    void anUnsettledMainWorkWithNothingPendingIsReportedAsStalled() {
        EventLoop loop = new EventLoop();
        loop.bindToCurrentThread();
        assertThatThrownBy(() -> loop.run(() -> false)).isInstanceOf(EventLoop.Stalled.class)
                .hasMessageContaining("can never happen");
    }

    @Test
    void anEventListenerKeepsAnUnsettledScriptWaiting() throws Exception {
        EventLoop loop = new EventLoop();
        loop.bindToCurrentThread();
        loop.listenersChanged(1);
        AtomicBoolean settled = new AtomicBoolean();
        Thread.ofPlatform().start(() -> loop.post(() -> settled.set(true)));
        loop.run(settled::get);
        assertThat(settled).isTrue();
    }

    @Test
    void pendingWorkCannotBeCountedFromAnotherThread() throws Exception {
        EventLoop loop = new EventLoop();
        loop.bindToCurrentThread();
        List<Throwable> errors = new ArrayList<>();
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                loop.hold();
            } catch (IllegalStateException e) {
                errors.add(e);
            }
        });
        other.join();
        assertThat(errors).hasSize(1);
    }

    @Test
    void aTaskThatThrowsEndsTheLoopWithItsError() {
        EventLoop loop = new EventLoop();
        loop.bindToCurrentThread();
        loop.hold();
        loop.post(() -> {
            throw new IllegalArgumentException("callback failed");
        });
        assertThatThrownBy(() -> loop.run(() -> false)).hasMessage("callback failed");
    }
}
