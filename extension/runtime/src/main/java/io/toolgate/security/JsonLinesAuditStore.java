package io.toolgate.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The audit log of an application without a datasource: one JSON object per line, appended and forced to disk
 * ({@code fsync}) before a batch counts as written, so a record the writer has taken survives a crash of the process
 * or the machine. Log shippers (Fluent Bit, Vector, Filebeat) read the format as it is.
 *
 * <p>
 * A file stops growing at {@code toolgate.audit.file-rotate-size}: it is kept as {@code <name>-<time>.jsonl} and a
 * new one begun. Rotated files are deleted only when everything in them is older than the retention, as the
 * database sink deletes rows. A torn last line (the process died inside a write) is skipped when read, and the next
 * record starts on a line of its own.
 */
final class JsonLinesAuditStore implements AuditStore {

    private static final Logger LOG = Logger.getLogger(JsonLinesAuditStore.class);
    private static final DateTimeFormatter ROTATED = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS")
            .withZone(ZoneOffset.UTC);

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Path file;
    private final long rotateBytes;
    private FileChannel channel;
    private boolean recovered;

    JsonLinesAuditStore(Path file, long rotateBytes) {
        this.file = file.toAbsolutePath();
        this.rotateBytes = rotateBytes;
    }

    /**
     * Started and outcome records are both lines of the file: whether a started record is open is read back from
     * the file by {@link #recover}, so nothing else needs keeping here.
     */
    @Override
    public synchronized void write(List<AuditRecord> batch, List<Open> opened, List<String> settled,
            boolean persist) throws IOException {
        StringBuilder lines = new StringBuilder(batch.size() * 256);
        for (AuditRecord r : batch) {
            lines.append(json.writeValueAsString(r)).append('\n');
        }
        FileChannel out = open();
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        out.force(false);
        if (out.size() >= rotateBytes) {
            rotate();
        }
    }

    private FileChannel open() throws IOException {
        if (channel == null) {
            Files.createDirectories(file.getParent());
            boolean torn = endsTorn();
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            if (torn) {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
        }
        return channel;
    }

    /** Whether the file's last line was cut short (the process died inside a write). */
    private boolean endsTorn() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, in.size() - 1);
            return last.get(0) != '\n';
        }
    }

    private void rotate() throws IOException {
        channel.close();
        channel = null;
        String stamp = ROTATED.format(Instant.now());
        Path kept = file.resolveSibling(baseName() + "-" + stamp + ".jsonl");
        for (int n = 1; Files.exists(kept); n++) { // two rotations within a millisecond
            kept = file.resolveSibling(baseName() + "-" + stamp + "_" + n + ".jsonl"); // sorts after the first
        }
        Files.move(file, kept);
        LOG.infof("Audit file rotated to %s", kept);
    }

    /** A file has one writer, this process: no other instance needs to know that it is alive. */
    @Override
    public void heartbeat(String instance, Instant now) {
    }

    /**
     * Once per process (one process writes a file): the started records of earlier processes, in the current file and
     * the newest rotated one, that no outcome record follows. A started record and its outcome share the instance,
     * request id, tool call id and tool; a workflow step retried has several pairs, so they are counted, not looked up.
     */
    @Override
    public synchronized List<AuditRecord> recover(String instance, Instant deadBefore) throws IOException {
        if (recovered) {
            return List.of();
        }
        Map<String, Deque<AuditRecord>> open = new LinkedHashMap<>();
        List<Path> files = filesNewestFirst();
        List<Path> scanned = new ArrayList<>(files.subList(0, Math.min(2, files.size())));
        Collections.reverse(scanned);
        for (Path f : scanned) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                AuditRecord r = parse(line, f);
                if (r == null || r.instance() == null) {
                    continue;
                }
                String key = r.instance() + '\n' + r.requestId() + '\n' + r.toolCallId() + '\n' + r.tool();
                if (AuditRecord.STARTED.equals(r.phase())) {
                    open.computeIfAbsent(key, k -> new ArrayDeque<>()).add(r);
                } else {
                    Deque<AuditRecord> waiting = open.get(key);
                    if (waiting != null && waiting.poll() != null && waiting.isEmpty()) {
                        open.remove(key);
                    }
                }
            }
        }
        Instant now = Instant.now();
        List<AuditRecord> unknown = new ArrayList<>();
        open.values().forEach(started -> started.stream().filter(r -> !instance.equals(r.instance()))
                .forEach(r -> unknown.add(r.outcomeUnknown(now))));
        if (!unknown.isEmpty()) {
            write(unknown);
        }
        recovered = true;
        return unknown;
    }

    /** The record's time, request id and phase: a call's records share the request id, never the phase. */
    @Override
    public String cursor(AuditRecord record) {
        return record.at() + " " + record.requestId() + " " + record.phaseOrCompleted();
    }

    @Override
    public synchronized List<AuditRecord> search(AuditQuery query) throws IOException {
        Instant cursorAt = query.before() == null ? null : atOf(query.before());
        List<AuditRecord> found = new ArrayList<>();
        if (!searchAfterCursor(query, found) && cursorAt != null) {
            // The cursor's record is gone (retention deleted its file): go on from its time instead.
            searchAfterCursor(new AuditQuery(query.tool(), query.principal(), query.code(), query.phase(),
                    query.from(), query.to() == null || cursorAt.isBefore(query.to()) ? cursorAt : query.to(),
                    query.limit()), found);
        }
        return found;
    }

    /** Newest first, after the record {@code query.before()} names; false when no record has that cursor. */
    private boolean searchAfterCursor(AuditQuery query, List<AuditRecord> found) throws IOException {
        boolean past = query.before() == null;
        for (Path f : filesNewestFirst()) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0 && found.size() < query.limit(); i--) {
                AuditRecord r = parse(lines.get(i), f);
                if (r == null) {
                    continue;
                }
                if (!past) {
                    past = cursor(r).equals(query.before());
                } else if (query.matches(r)) {
                    found.add(r);
                }
            }
            if (found.size() >= query.limit()) {
                break;
            }
        }
        return past;
    }

    private static Instant atOf(String cursor) {
        try {
            return Instant.parse(cursor.substring(0, Math.max(0, cursor.indexOf(' '))));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("before must be the 'next' of an earlier page, got '" + cursor + "'");
        }
    }

    private AuditRecord parse(String line, Path f) {
        if (line.isBlank()) {
            return null;
        }
        try {
            return json.readValue(line, AuditRecord.class);
        } catch (IOException e) {
            LOG.debugf("Skipping a torn audit line in %s", f);
            return null;
        }
    }

    @Override
    public synchronized int deleteOlderThan(Instant cutoff) throws IOException {
        int deleted = 0;
        for (Path f : filesNewestFirst()) {
            if (!f.equals(file) && Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) {
                Files.delete(f);
                deleted++;
            }
        }
        return deleted;
    }

    /** The current file, then the rotated ones, newest first (their names sort by time). */
    private List<Path> filesNewestFirst() throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.exists(file)) {
            files.add(file);
        }
        if (Files.isDirectory(file.getParent())) {
            String prefix = baseName() + "-";
            try (Stream<Path> siblings = Files.list(file.getParent())) {
                siblings.filter(p -> p.getFileName().toString().startsWith(prefix)
                        && p.getFileName().toString().endsWith(".jsonl"))
                        .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                        .forEach(files::add);
            }
        }
        return files;
    }

    private String baseName() {
        String name = file.getFileName().toString();
        return name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
    }

    @Override
    public String describe() {
        return "the JSON Lines file " + file;
    }

    synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
