package dev.auscult.bench;

import dev.auscult.app.ScanService;
import dev.auscult.policy.Policy;
import dev.auscult.policy.PolicyLoader;
import dev.auscult.posture.PolicyRef;
import dev.auscult.probe.SourceCatalog;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full warm in-process scan of this machine with the bundled policy (run by bench/scan-benchmark.sh).
 * SampleTime mode reports the median (p0.50) of every scan measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class ScanBenchmark {

    private ScanService service;
    private Policy policy;
    private PolicyRef ref;

    @Setup
    public void setUp() {
        service = new ScanService(SourceCatalog.bundled(), "bench", Clock.systemUTC());
        policy = new PolicyLoader().bundled();
        ref = new PolicyRef("bundled default", policy.name());
    }

    @Benchmark
    public Object fullLinuxScan() {
        return service.scanThisMachine(policy, ref).report();
    }
}
