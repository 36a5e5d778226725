package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.readmodel.record.CommitmentRecord;
import cn.xinyong.openapi.readmodel.record.EntityRecord;
import cn.xinyong.openapi.readmodel.record.FeedRecord;
import cn.xinyong.openapi.readmodel.record.LicenceRecord;
import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import cn.xinyong.openapi.readmodel.record.PenaltyRecord;
import cn.xinyong.openapi.readmodel.record.PersonRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the read model holds about one subject (an organisation by its USCC, or a person by the
 * keyed hash of their ID), typed: the registration record, list entries, penalties, licences,
 * commitments and personal records, each with its version, feed position and withdrawal state. Read
 * from the Redis cache, or from the index while the cache is incomplete: the same document either way.
 */
public final class SubjectDocument {

    /** One stored record: its platform id and version, its feed position, and the record or its withdrawal. */
    public record Entry<T extends FeedRecord>(String id, long version, long position, Instant updatedAt,
            String withdrawnReason, T record) {

        /** Withdrawn from publication (信用修复, 异议成立, correction, revoked): the record is gone. */
        public boolean withdrawn() {
            return record == null;
        }
    }

    private final String subjectId;
    private final Entry<EntityRecord> entity;
    private final List<Entry<LicenceRecord>> licences = new ArrayList<>();
    private final List<Entry<PenaltyRecord>> penalties = new ArrayList<>();
    private final List<Entry<ListEntryRecord>> listEntries = new ArrayList<>();
    private final List<Entry<CommitmentRecord>> commitments = new ArrayList<>();
    private final List<Entry<PersonRecord>> personRecords = new ArrayList<>();
    /** Each stored record's version and feed position ({@link #stamp}), by its field. */
    private final Map<String, String> versions;
    private final Instant dataAsOf;
    private final String representative;

    @SuppressWarnings("unchecked")
    SubjectDocument(String subjectId, Map<Dataset, List<Entry<?>>> byDataset, Map<String, String> versions,
            String representative) {
        this.subjectId = subjectId;
        this.representative = representative;
        this.versions = new TreeMap<>(versions);
        List<Entry<?>> entities = byDataset.getOrDefault(Dataset.ENTITY, List.of());
        this.entity = entities.isEmpty() ? null : (Entry<EntityRecord>) entities.get(0);
        byDataset.getOrDefault(Dataset.LICENCE, List.of()).forEach(e -> licences.add((Entry<LicenceRecord>) e));
        byDataset.getOrDefault(Dataset.PENALTY, List.of()).forEach(e -> penalties.add((Entry<PenaltyRecord>) e));
        byDataset.getOrDefault(Dataset.LIST_ENTRY, List.of()).forEach(e -> listEntries.add((Entry<ListEntryRecord>) e));
        byDataset.getOrDefault(Dataset.COMMITMENT, List.of()).forEach(e -> commitments.add((Entry<CommitmentRecord>) e));
        byDataset.getOrDefault(Dataset.PERSON_RECORD, List.of()).forEach(e -> personRecords.add((Entry<PersonRecord>) e));
        java.util.Comparator<Entry<?>> byId = java.util.Comparator.comparing(Entry::id);
        licences.sort(byId::compare);
        penalties.sort(byId::compare);
        listEntries.sort(byId::compare);
        commitments.sort(byId::compare);
        personRecords.sort(byId::compare);
        Instant latest = null;
        for (List<Entry<?>> entries : byDataset.values()) {
            for (Entry<?> e : entries) {
                if (e.updatedAt() != null && (latest == null || e.updatedAt().isAfter(latest))) {
                    latest = e.updatedAt();
                }
            }
        }
        this.dataAsOf = latest;
    }

    public String subjectId() {
        return subjectId;
    }

    /** True when the read model holds nothing about the subject. */
    public boolean isEmpty() {
        return versions.isEmpty();
    }

    /** The registration record, unless unknown or withdrawn. */
    public Optional<EntityRecord> entity() {
        return entity == null || entity.withdrawn() ? Optional.empty() : Optional.of(entity.record());
    }

    /**
     * The keyed hash of the legal representative's 居民身份证号码 (the subject under which the person's own
     * records are kept), when the platform sent it; never shown.
     */
    public Optional<String> representative() {
        return Optional.ofNullable(entity().isPresent() ? representative : null);
    }

    public List<Entry<LicenceRecord>> licences() {
        return licences;
    }

    public List<Entry<PenaltyRecord>> penalties() {
        return penalties;
    }

    public List<Entry<ListEntryRecord>> listEntries() {
        return listEntries;
    }

    public List<Entry<CommitmentRecord>> commitments() {
        return commitments;
    }

    public List<Entry<PersonRecord>> personRecords() {
        return personRecords;
    }

    /** The latest change to anything of the subject. */
    public Instant dataAsOf() {
        return dataAsOf;
    }

    /** Penalties the public may see today (publication rules applied). */
    public List<PenaltyRecord> publicPenalties(LocalDate today) {
        return penalties.stream().filter(e -> !e.withdrawn() && PublicationRules.penaltyPublic(e.record(), today))
                .map(Entry::record).toList();
    }

    /** A strong validator over every stored version and the date (publication periods end by date). */
    /**
     * A record's version and feed position: a change on the same version (an objection's disputed mark) has a new
     * position, so it changes the document's tags too.
     */
    static String stamp(long version, long position) {
        return version + "." + position;
    }

    /**
     * Appends every stored record's name, version and position: two documents append the same text exactly when
     * they hold the same records in the same state (a cache key; {@link #versionTag} is the short, public form).
     */
    public StringBuilder appendVersions(StringBuilder out) {
        versions.forEach((name, version) -> out.append(name).append('=').append(version).append(';'));
        return out;
    }

    public String versionTag(LocalDate today) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(today.toString().getBytes(StandardCharsets.UTF_8));
            versions.forEach((name, version) -> sha.update((name + '=' + version + ';').getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
