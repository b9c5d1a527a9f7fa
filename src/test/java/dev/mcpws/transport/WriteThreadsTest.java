package dev.mcpws.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The write threads: never the caller's thread, at most {@code max} of them, and a write beyond that is not lost. */
class WriteThreadsTest {

    @Test
    void writesBeyondTheLastThreadWaitAndRunWhenAThreadIsFree() throws InterruptedException {
        WriteThreads threads = new WriteThreads(2, Thread::new);
        try {
            CountDownLatch peerReads = new CountDownLatch(1);
            Semaphore blocked = new Semaphore(0);
            for (int i = 0; i < 2; i++) {
                threads.execute(() -> {
                    blocked.release();
                    try {
                        peerReads.await(); // two writes to peers that do not read hold both threads
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(blocked.tryAcquire(2, 5, TimeUnit.SECONDS), "both threads write");
            Thread caller = Thread.currentThread();
            Semaphore ran = new Semaphore(0);
            boolean[] onCaller = new boolean[1];
            for (int i = 0; i < 3; i++) {
                threads.execute(() -> {
                    onCaller[0] |= Thread.currentThread() == caller;
                    ran.release();
                });
            }
            assertEquals(2, threads.size(), "no third thread");
            assertFalse(ran.tryAcquire(200, TimeUnit.MILLISECONDS), "they wait while both threads are held");
            peerReads.countDown();
            assertTrue(ran.tryAcquire(3, 5, TimeUnit.SECONDS), "all three written once a thread is free");
            assertFalse(onCaller[0], "never on the caller's thread");
        } finally {
            threads.shutdown();
        }
    }
}
