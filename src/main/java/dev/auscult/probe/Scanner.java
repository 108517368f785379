package dev.auscult.probe;

import dev.auscult.posture.CommonPhrase;
import dev.auscult.posture.DeviceFacts;
import dev.auscult.posture.DeviceScan;
import dev.auscult.posture.Finding;
import dev.auscult.posture.Inventory;
import dev.auscult.posture.Observation;
import dev.auscult.posture.PracticeId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one platform's probes against one evidence gateway, every probe on its own virtual thread. A probe
 * that throws yields UNKNOWN for its practice instead of breaking the scan.
 */
public final class Scanner {

    private final ProbeSet probes;
    private final String agentVersion;

    public Scanner(ProbeSet probes, String agentVersion) {
        this.probes = probes;
        this.agentVersion = agentVersion;
    }

    public DeviceScan scan(Evidence evidence, boolean withInventory) {
        List<String> first = new ArrayList<>(probes.device().sources());
        probes.practices().forEach(p -> first.addAll(p.sources()));
        evidence.prefetch(first.stream().distinct().toArray(String[]::new));

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<DeviceFacts> device = pool.submit(() -> probes.device().describe(evidence));
            Map<PracticeId, Future<Observation>> running = new EnumMap<>(PracticeId.class);
            for (PracticeProbe probe : probes.practices()) {
                running.put(probe.practice(), pool.submit(() -> probe.observe(evidence)));
            }
            Future<Inventory> inventory = withInventory ? pool.submit(() -> probes.inventory().inventory(evidence)) : null;

            DeviceFacts facts = await(device);
            List<Observation> observations = new ArrayList<>();
            observations.add(osVersion(facts));
            for (PracticeId id : PracticeId.values()) {
                if (id == PracticeId.OS_VERSION || id == PracticeId.APPLICATIONS) {
                    continue;
                }
                if (id == PracticeId.AGENT_VERSION) {
                    observations.add(Observation.on(id, Finding.of(CommonPhrase.AGENT_RUNNING, agentVersion), List.of()));
                    continue;
                }
                Future<Observation> f = running.get(id);
                observations.add(f == null ? notCheckedHere(id) : settle(id, f));
            }
            Optional<Inventory> inv = Optional.empty();
            if (inventory != null) {
                inv = Optional.of(settleInventory(inventory));
            }
            return new DeviceScan(facts, observations, inv);
        }
    }

    private Observation osVersion(DeviceFacts facts) {
        List<String> ev = facts.evidence();
        return facts.osVersion()
                .map(v -> Observation.on(PracticeId.OS_VERSION, facts.osVersionFinding(), ev))
                .orElseGet(() -> Observation.unknown(PracticeId.OS_VERSION, facts.osVersionFinding(), ev));
    }

    private Observation notCheckedHere(PracticeId id) {
        return Observation.unknown(id, Finding.of(CommonPhrase.CANNOT_CHECK_YET, id.key(), probes.platform().displayName()), List.of());
    }

    private static Observation settle(PracticeId id, Future<Observation> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return Observation.unknown(id, Finding.of(CommonPhrase.CHECK_FAILED, String.valueOf(e.getCause())), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Observation.unknown(id, Finding.of(CommonPhrase.SCAN_INTERRUPTED), List.of());
        }
    }

    private static Inventory settleInventory(Future<Inventory> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return new Inventory(List.of(), false, Finding.of(CommonPhrase.LISTING_APPS_FAILED, String.valueOf(e.getCause())), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Inventory(List.of(), false, Finding.of(CommonPhrase.SCAN_INTERRUPTED), List.of());
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the device facts failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the scan was interrupted", e);
        }
    }
}
