package cn.xinyong.openapi.feeds;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.jobs.ExclusiveJobs;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.security.DecisionSigner;
import cn.xinyong.openapi.readmodel.Dataset;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Full dumps for mirrors (全量数据包), the GLEIF way: every public dataset written as gzipped NDJSON from one
 * snapshot each, listed in a manifest with its SHA-256, record count and the feed position it is consistent with,
 * and the manifest signed with the service's published key (the JWKS at {@code /v1/xinyi/jwks}). A new mirror
 * downloads the files, checks them against the signed manifest and continues with each dataset's change feed from
 * the stated position; the feed is the delta against any earlier dump.
 *
 * <p>Files are written beside the manifest in {@code xinyong.dumps.dir}; the newest {@code keep} generations stay,
 * so a mirror half-way through the previous manifest still finds its files. At start the files of the manifest on
 * disk are checked against their digests: a missing or damaged file is logged and a new dump is made.
 *
 * <p>With several instances sharing the directory, one makes each generation: making a dump holds a lease
 * ({@link ExclusiveJobs}, job {@value #JOB}); the others skip the schedule (or answer 409 to a dump asked for by hand)
 * while it is held, and every instance's schedule takes up a newer manifest another instance wrote. The maker checks
 * that it still holds the lease before every record and before publishing the manifest, and stops (discarding its
 * generation's files, and only those) once it does not.
 */
@ApplicationScoped
public class DumpService {

    @ConfigMapping(prefix = "xinyong.dumps")
    public interface DumpConfig {
        /** Where dumps and their manifest are written (a volume every serving instance sees). */
        @WithDefault("dumps")
        Path dir();

        /** Whether this instance makes dumps on schedule (one instance per deployment should). */
        @WithDefault("true")
        boolean enabled();

        /** How old the newest dump may get before a new one is made (GLEIF publishes three a day). */
        @WithDefault("8h")
        Duration interval();

        /** Generations kept on disk. */
        @WithDefault("2")
        int keep();
    }

    /** One dataset's dump file. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "Dump", description = "One dataset's dump file")
    public record Dump(String dataset, String file, long records, long bytes, String sha256, String feedPosition,
            Instant takenAt) {
    }

    /** One generation of dumps. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "DumpManifest",
            description = "One generation of dumps: every public dataset, each from one snapshot")
    public record Manifest(String generation, Instant generatedAt, List<Dump> dumps) {
    }

    /** The manifest with its compact JWS (ES256; the claim {@code manifest} holds the same manifest). */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "SignedDumpManifest")
    public record Signed(Manifest manifest, String token) {
    }

    /** The job's name in the lease table. */
    public static final String JOB = "dumps";
    /** Renewed every third of it while a dump is being made. */
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String MANIFEST = "manifest.json";
    /** A dump file's name: dataset path, generation, extension. */
    private static final java.util.regex.Pattern FILE =
            java.util.regex.Pattern.compile("[a-z-]+-(\\d{8}T\\d{6}Z)\\.ndjson\\.gz");
    /** A file being written: a dump file or the manifest, named with its generation, and {@code .part}. */
    private static final java.util.regex.Pattern PART = java.util.regex.Pattern.compile(
            "(?:[a-z-]+-(\\d{8}T\\d{6}Z)\\.ndjson\\.gz|" + java.util.regex.Pattern.quote(MANIFEST)
                    + "\\.(\\d{8}T\\d{6}Z))\\.part");
    private final FeedService feeds;
    private final DecisionSigner signer;
    private final TimeSource time;
    private final ObjectMapper mapper;
    private final DumpConfig config;
    private final AtomicReference<Signed> current = new AtomicReference<>();
    private final ExclusiveJobs jobs;

    DumpService(FeedService feeds, DecisionSigner signer, TimeSource time, ObjectMapper mapper, DumpConfig config,
            ExclusiveJobs jobs) {
        this.jobs = jobs;
        this.feeds = feeds;
        this.signer = signer;
        this.time = time;
        this.mapper = mapper;
        this.config = config;
    }

    /** The manifest of the newest complete dump, if there is one. */
    public Optional<Signed> current() {
        return Optional.ofNullable(current.get());
    }

    /** A file of the current or a kept generation, by name, or empty for anything else. */
    public Optional<Path> file(String name) {
        if (!FILE.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = config.dir().resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    void onStart(@Observes StartupEvent event) {
        Infrastructure.getDefaultWorkerPool().execute(this::adoptFromDisk);
    }

    @Scheduled(every = "${xinyong.dumps.check-every:10m}", delayed = "${xinyong.dumps.first-check-after:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return Uni.createFrom().item(() -> {
            adoptFromDisk();
            verify();
            return config.enabled() && due();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).flatMap(due -> !due
                ? Uni.createFrom().voidItem()
                // Under the lease, look again: another instance may have just made one.
                : jobs.runExclusively(JOB, LEASE, lease -> Uni.createFrom().item(() -> {
                    adoptFromDisk();
                    return due();
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .flatMap(stillDue -> stillDue ? make(lease).replaceWithVoid() : Uni.createFrom().voidItem()))
                        .invoke(outcome -> {
                            if (!outcome.ran()) {
                                Log.debugf("dump left to %s", outcome.heldBy());
                            }
                        }).replaceWithVoid())
                .onFailure().invoke(e -> Log.errorf("dump failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Whether the newest dump is older than the interval (or there is none). */
    private boolean due() {
        Signed newest = current.get();
        return newest == null || !newest.manifest().generatedAt().plus(config.interval()).isAfter(time.now());
    }

    /**
     * Makes a new generation of every public dataset now; a 409 problem while one is being made, here or by another
     * instance, or when this one lost its lease on the way (its files are discarded).
     */
    public Uni<Signed> dump() {
        return jobs.runExclusively(JOB, LEASE, this::make).map(outcome -> {
            if (!outcome.ran()) {
                throw new ApiProblem(ProblemType.CONFLICT, "A dump is being made; try again later");
            }
            return outcome.result();
        }).onFailure(ExclusiveJobs.LeaseLost.class).transform(e -> new ApiProblem(ProblemType.CONFLICT,
                "The dump was stopped and discarded: another instance took over its lease; try again later"));
    }

    /**
     * Makes a new generation while {@code lease} is held (the lease is the only guard: a second dump here or on another
     * instance is skipped by {@link ExclusiveJobs}); fails with {@link ExclusiveJobs.LeaseLost}, keeping nothing of the
     * generation, once it is lost.
     */
    Uni<Signed> make(ExclusiveJobs.Lease lease) {
        Instant started = time.now();
        String generation = STAMP.format(started);
        List<Dataset> datasets = Dataset.indexed().stream().filter(Dataset::isPublic).toList();
        return Multi.createFrom().iterable(datasets)
                .onItem().transformToUniAndConcatenate(d -> write(d, generation, lease))
                .collect().asList()
                .map(dumps -> sign(new Manifest(generation, started, dumps)))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(signed -> {
                    lease.check();
                    save(signed);
                    current.set(signed);
                    prune(generation);
                    Log.infof("dump %s made: %s", generation, signed.manifest().dumps().stream()
                            .map(d -> d.dataset() + " " + d.records()).toList());
                })
                .onFailure().invoke(() -> discard(generation));
    }

    /**
     * Deletes the files a failed generation had written, finished or not, so that no partial generation is ever kept;
     * never another generation's (another instance may be writing one).
     */
    void discard(String generation) {
        delete(p -> generation(p).or(() -> partOf(p)).filter(generation::equals).isPresent(),
                "the files of the failed dump " + generation);
    }

    /** The files of the dump directory; none when it cannot be listed (said in the log). */
    private List<Path> files() {
        try (var files = Files.list(config.dir())) {
            return files.toList();
        } catch (IOException e) {
            Log.warnf("cannot list the dumps in %s: %s", config.dir(), e.getMessage());
            return List.of();
        }
    }

    /** Deletes the files {@code which} selects; a file that cannot be deleted is logged, never thrown. */
    private void delete(java.util.function.Predicate<Path> which, String what) {
        for (Path p : files()) {
            try {
                if (which.test(p)) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                Log.warnf("could not remove %s (%s): %s", what, p, e.getMessage());
            }
        }
    }

    private Uni<Dump> write(Dataset dataset, String generation, ExclusiveJobs.Lease lease) {
        String name = dataset.path() + "-" + generation + ".ndjson.gz";
        Path target = config.dir().resolve(name);
        Path part = config.dir().resolve(name + ".part");
        return feeds.snapshot(dataset).emitOn(Infrastructure.getDefaultWorkerPool()).flatMap(snapshot -> {
            Writer writer = new Writer(part);
            return feeds.exportLines(snapshot)
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .onItem().invoke(line -> {
                        lease.check();
                        writer.line(line);
                    })
                    .collect().last()
                    .map(x -> {
                        writer.finish(part, target);
                        return new Dump(dataset.path(), name, writer.records.get(), writer.bytes(target),
                                writer.digest(), snapshot.position(), time.now());
                    })
                    .onFailure().invoke(e -> writer.abandon(part));
        });
    }

    /** Writes one file: gzip over a digest of the compressed bytes, so the digest is of the file as served. */
    private final class Writer {
        final MessageDigest sha;
        final OutputStream out;
        final AtomicLong records = new AtomicLong();

        Writer(Path part) {
            try {
                Files.createDirectories(part.getParent());
                sha = MessageDigest.getInstance("SHA-256");
                out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(part), sha), 1 << 16);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write dump " + part, e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void line(String json) {
            try {
                out.write(json.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
                records.incrementAndGet();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void finish(Path part, Path target) {
            try {
                out.close();
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void abandon(Path part) {
            try {
                out.close();
                Files.deleteIfExists(part);
            } catch (IOException e) {
                Log.warnf("could not remove the unfinished dump %s: %s", part, e.getMessage());
            }
        }

        long bytes(Path target) {
            try {
                return Files.size(target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String digest() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    @SuppressWarnings("unchecked")
    private Signed sign(Manifest manifest) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(signer.issuer());
        claims.setJwtId(manifest.generation());
        claims.setAudience("dump-manifest");
        claims.setIssuedAt(NumericDate.fromMilliseconds(time.now().toEpochMilli()));
        claims.setClaim("manifest", mapper.convertValue(manifest, Map.class));
        return new Signed(manifest, signer.sign(claims));
    }

    private void save(Signed signed) {
        try {
            Path tmp = config.dir().resolve(MANIFEST + "." + signed.manifest().generation() + ".part");
            Files.write(tmp, mapper.writeValueAsBytes(signed.manifest()));
            Files.move(tmp, config.dir().resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dump manifest", e);
        }
    }

    /**
     * Deletes the files of generations older than the newest {@code keep}, and the unfinished files of generations
     * older than {@code made} (left by a run that crashed or lost its lease: under the lease nobody writes them any
     * more).
     */
    private void prune(String made) {
        TreeSet<String> generations = new TreeSet<>();
        files().forEach(p -> generation(p).ifPresent(generations::add));
        List<String> kept = new ArrayList<>(generations.descendingSet()).subList(0, Math.min(config.keep(),
                generations.size()));
        delete(p -> partOf(p).filter(g -> g.compareTo(made) < 0).isPresent()
                || generation(p).filter(g -> !kept.contains(g)).isPresent(), "an old dump");
    }

    private static Optional<String> generation(Path p) {
        var m = FILE.matcher(p.getFileName().toString());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The generation of an unfinished file. */
    private static Optional<String> partOf(Path p) {
        var m = PART.matcher(p.getFileName().toString());
        return m.matches() ? Optional.of(m.group(1) != null ? m.group(1) : m.group(2)) : Optional.empty();
    }

    /**
     * Takes up the manifest on disk (a previous run's, or another instance's newer one) once every file it lists is
     * there with its digest; a missing or damaged file is reported and the next scheduled check makes a new dump.
     * Nothing to do when it is the generation already served, or an older one.
     */
    void adoptFromDisk() {
        Path path = config.dir().resolve(MANIFEST);
        if (!Files.isRegularFile(path)) {
            return;
        }
        try {
            Manifest manifest = mapper.readValue(path.toFile(), Manifest.class);
            Signed served = current.get();
            if (served != null && !manifest.generatedAt().isAfter(served.manifest().generatedAt())) {
                return;
            }
            Optional<String> damage = damage(manifest);
            if (damage.isPresent()) {
                Log.errorf("dump %s not served: %s; a new one will be made", manifest.generation(), damage.get());
                return;
            }
            if (current.compareAndSet(served, sign(manifest))) {
                Log.infof("serving dump %s from %s", manifest.generation(), config.dir());
            }
        } catch (IOException | RuntimeException e) {
            Log.errorf("dump manifest %s unreadable (%s): a new dump will be made", path, e.getMessage());
        }
    }

    /** What is wrong with the manifest's files on disk (the first missing, truncated or altered file), if anything. */
    Optional<String> damage(Manifest manifest) {
        for (Dump d : manifest.dumps()) {
            Path file = config.dir().resolve(d.file());
            try {
                if (!Files.isRegularFile(file)) {
                    return Optional.of(d.file() + " is missing");
                }
                if (Files.size(file) != d.bytes() || !d.sha256().equals(sha256(file))) {
                    return Optional.of(d.file() + " does not match its SHA-256");
                }
            } catch (IOException e) {
                return Optional.of(d.file() + " cannot be read: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Checks the current dump's files now: a damaged one is reported and the dump is no longer served. */
    public Optional<String> verify() {
        Signed signed = current.get();
        if (signed == null) {
            return Optional.empty();
        }
        Optional<String> damage = damage(signed.manifest());
        damage.ifPresent(d -> {
            Log.errorf("dump %s withdrawn: %s; a new one will be made", signed.manifest().generation(), d);
            current.compareAndSet(signed, null);
        });
        return damage;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
