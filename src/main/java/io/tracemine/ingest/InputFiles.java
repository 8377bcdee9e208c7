package io.tracemine.ingest;

import io.tracemine.MalformedInputException;
import io.tracemine.ingest.IngestConfig.SourceType;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files a file-based source reads, found and checked on the driver before any Spark work.
 *
 * <p>A directory is read recursively; names starting with {@code .} or {@code _} (files and
 * directories: {@code _SUCCESS}, {@code .crc} files, staging directories) are skipped, as Spark
 * skips them. Each file is probed by its first and last bytes, so a file that cannot be what the
 * source expects fails with one line naming it: a {@code .gz} or {@code .bz2} file without its
 * codec's magic number, a Parquet file given as XML, a file without Parquet's {@code PAR1} magic
 * numbers given as Parquet. A missing path or a directory without readable files fails too.
 *
 * <p>In a directory read as XML, the other tables of a Stack Exchange dump ({@code PostLinks.xml},
 * {@code Comments.xml}, …) and JSON files are not posts and are left out; {@link #otherDumpTables}
 * names them so that the summary can say so. A file named explicitly is always read.
 */
public final class InputFiles {
  /**
   * One input file: its path as Hadoop names it, its size and its modification time when listed
   * (milliseconds since the epoch; -1 when unknown).
   */
  public record InputFile(String path, long bytes, long modified) implements Serializable {
    public InputFile(String path, long bytes) {
      this(path, bytes, -1);
    }
  }

  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  /**
   * JSON files (any case, optionally compressed): never rows of an XML dump, such as the ground
   * truth {@code generate} writes beside its {@code Posts.xml} ({@code planted.jsonl}, {@code
   * runs.jsonl}). A directory read as XML leaves them out and names them, as the dump's other
   * tables.
   */
  static final java.util.regex.Pattern JSON_FILE =
      java.util.regex.Pattern.compile("(?i).+\\.(json|jsonl|ndjson)(\\.gz|\\.bz2)?");

  /**
   * A file that marks a TraceMine output directory: a stage's commit manifest or the run lock. A
   * directory holding one, below the input, is skipped (an output written inside its own input).
   */
  static final java.util.regex.Pattern OUTPUT_MARKER =
      java.util.regex.Pattern.compile("_COMMITTED-.+\\.json|_LOCK\\.json");

  /**
   * File names of a dump's tables, the table's name in group 1 (any case, optionally compressed).
   */
  private static final java.util.regex.Pattern DUMP_TABLE =
      java.util.regex.Pattern.compile(
          "(?i)(posts|postlinks|posthistory|comments|users|votes|badges|tags)\\.xml(\\.gz|\\.bz2)?");

  /**
   * Whether {@code fileName} is the file of a dump table other than {@code input}'s: for posts
   * {@code PostLinks.xml}, {@code Comments.xml} and the others; for PostLinks, {@code Posts.xml}
   * and the others but not {@code PostLinks.xml} itself (a PostLinks directory lost it before
   * session 21).
   */
  static boolean isAnotherTable(String input, String fileName) {
    java.util.regex.Matcher m = DUMP_TABLE.matcher(fileName);
    return m.matches() && !m.group(1).equalsIgnoreCase(input);
  }

  /**
   * Whether a directory read as XML for {@code input} leaves {@code fileName} out: the file of
   * another dump table ({@link #isAnotherTable}) or a JSON file ({@link #JSON_FILE}).
   */
  private static boolean isLeftOut(String input, String fileName) {
    return isAnotherTable(input, fileName) || JSON_FILE.matcher(fileName).matches();
  }

  /** The inputs' names in messages. */
  public static final String POSTS = "posts";

  public static final String POSTLINKS = "PostLinks";

  private InputFiles() {}

  /**
   * The files of a dump's other tables, and the JSON files ({@link #JSON_FILE}), that a directory
   * read as XML leaves out, by path.
   */
  public static List<String> otherDumpTables(String path, SourceType type, Configuration conf) {
    if (type != SourceType.XML) {
      return List.of();
    }
    return walkDirectory(path, conf).files.stream()
        .filter(s -> isLeftOut(POSTS, s.getPath().getName()))
        .map(s -> display(s.getPath().toString()))
        .sorted()
        .toList();
  }

  /** Lists and probes the posts files under {@code path} (a file or a directory), in path order. */
  public static List<InputFile> list(String path, SourceType type, Configuration conf) {
    return list(POSTS, path, type, conf);
  }

  /**
   * Lists and probes the files of {@code input} ({@value #POSTS} or {@value #POSTLINKS}, the name
   * its messages give it) under {@code path}, in path order.
   */
  public static List<InputFile> list(
      String input, String path, SourceType type, Configuration conf) {
    Path root = new Path(PostsSource.absolute(path));
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        throw new MalformedInputException(
            "Cannot read " + input + ": '" + path + "' does not exist");
      }
      FileStatus rootStatus = fs.getFileStatus(root);
      if (!rootStatus.isDirectory()) {
        requireANameSparkReads(input, rootStatus.getPath());
      }
      List<FileStatus> found = new ArrayList<>();
      collect(fs, rootStatus, found, type, new Walk(input, fs.makeQualified(root), true));
      if (found.isEmpty()) {
        throw new MalformedInputException(
            "Cannot read "
                + input
                + ": directory '"
                + path
                + "' holds no "
                + describe(type)
                + " files (names starting with '.' or '_' are skipped)");
      }
      found.sort(Comparator.comparing(s -> s.getPath().toString()));
      List<InputFile> files = new ArrayList<>();
      List<Ends> ends = new ArrayList<>();
      for (FileStatus status : found) {
        ends.add(probe(fs, status, type, input));
        files.add(
            new InputFile(
                status.getPath().toString(), status.getLen(), status.getModificationTime()));
      }
      if (type != SourceType.PARQUET) {
        requireClosedRoots(fs, found, ends, input);
      }
      return List.copyOf(files);
    } catch (IOException e) {
      throw new MalformedInputException("Cannot read " + input + ": cannot list '" + path + "'", e);
    }
  }

  /**
   * Fails naming an uncompressed dump that opens its root element ({@code <posts>}) and ends after
   * a whole row without closing it, unless another input file closes it (a dump split into parts):
   * a download or copy cut short between two rows, whose missing rows no reject could count
   * (before: read with exit 0, hostile sweep 7). A dump cut inside a row rejects that row ({@code
   * cut off}); a compressed one cut short fails its decompression.
   */
  private static void requireClosedRoots(
      FileSystem fs, List<FileStatus> files, List<Ends> ends, String input) {
    var codecs = new org.apache.hadoop.io.compress.CompressionCodecFactory(fs.getConf());
    java.util.Map<String, Integer> open = new java.util.HashMap<>();
    List<FileStatus> unclosed = new ArrayList<>();
    List<String> unclosedRoots = new ArrayList<>();
    List<String> unclosedTails = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      FileStatus f = files.get(i);
      if (codecs.getCodec(f.getPath()) != null) {
        continue;
      }
      String head = new String(ends.get(i).head(), StandardCharsets.UTF_8);
      String tail = new String(ends.get(i).tail(), StandardCharsets.UTF_8);
      String opened = XmlFileFormat.openedRoot(head);
      String closed = XmlFileFormat.closedRoot(tail);
      if (opened != null) {
        open.merge(opened, 1, Integer::sum);
        if (!opened.equals(closed) && tail.strip().endsWith(">")) {
          // cut between two rows (one cut inside a row is that row's reject, "cut off")
          unclosed.add(f);
          unclosedRoots.add(opened);
          unclosedTails.add(tail.strip());
        }
      }
      if (closed != null && !closed.equals("row")) {
        open.merge(closed, -1, Integer::sum);
      }
    }
    for (int i = 0; i < unclosed.size(); i++) {
      String root = unclosedRoots.get(i);
      if (open.getOrDefault(root, 0) > 0) {
        FileStatus f = unclosed.get(i);
        String tail = unclosedTails.get(i);
        String lastLine = tail.substring(tail.lastIndexOf('\n') + 1).strip();
        throw new MalformedInputException(
            "Cannot read "
                + input
                + ": '"
                + display(f.getPath().toString())
                + "' opens <"
                + root
                + "> and ends without </"
                + root
                + "> (its last line ends '"
                + (lastLine.length() > 60
                    ? "…" + lastLine.substring(lastLine.length() - 60)
                    : lastLine)
                + "'), and no other input file closes it: it was cut short (an interrupted"
                + " download or copy?); fetch it again, or end it with </"
                + root
                + "> if its rows are all there is");
      }
    }
  }

  /**
   * Whether Spark's file readers skip a file of this name, even when it is named on its own: a name
   * starting with {@code _} (without {@code =}) or {@code .}, or ending in {@code ._COPYING_}
   * (Spark 3.5's {@code HadoopFSUtils.shouldFilterOutPathName}).
   */
  static boolean sparkSkips(String name) {
    boolean hidden =
        (name.startsWith("_") && !name.contains("="))
            || name.startsWith(".")
            || name.endsWith("._COPYING_");
    return hidden && !name.startsWith("_metadata") && !name.startsWith("_common_metadata");
  }

  /**
   * Fails, naming the file and why, when Spark would skip {@code file} although the input names it
   * (or, for {@code ._COPYING_}, a directory of the input holds it): its rows would be lost while
   * it is counted as read.
   */
  public static void requireANameSparkReads(String input, Path file) {
    String name = file.getName();
    String shown = display(file.toString());
    if (name.contains(":")) {
      // Hadoop reads "a:b" in a name as a URI scheme: "Relative path in absolute URI" (before:
      // exit 1 with that line, retried by a scheduler, hostile sweep 7)
      throw new MalformedInputException(
          "Cannot read "
              + input
              + ": '"
              + shown
              + "' has a ':' in its name, which Hadoop's paths cannot hold (it reads the part"
              + " before it as a URI scheme); rename the file without ':'");
    }
    if (!sparkSkips(name)) {
      return;
    }
    throw new MalformedInputException(
        "Cannot read "
            + input
            + ": '"
            + shown
            + "' "
            + (name.endsWith("._COPYING_")
                ? "is still being copied ('hadoop fs -put' names a file '…._COPYING_' until the"
                    + " copy is complete, and Spark skips it); wait for the copy to finish, or"
                    + " remove the file"
                : "has a name Spark skips as hidden (it starts with '"
                    + name.charAt(0)
                    + "'); rename the file, or copy it to a name that does not start with '.'"
                    + " or '_'"));
  }

  /** {@link #requireANameSparkReads} when {@code path} is a file; nothing for a directory. */
  public static void requireANameSparkReadsIfAFile(String input, String path, Configuration conf) {
    Path file = new Path(PostsSource.absolute(path));
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (fs.exists(file) && !fs.getFileStatus(file).isDirectory()) {
        requireANameSparkReads(input, file);
      }
    } catch (IOException e) {
      // the reader names what it cannot read
    }
  }

  /** A path for messages: local files without their {@code file:} scheme. */
  /**
   * How the first of {@code files} that is no longer as listed has changed ({@code '…/Posts.xml'
   * held 80,118,116 bytes when listed and holds 32,047,246 now}), or empty: a dump still being
   * downloaded or copied over while ingest read it is read in part, and its rows' counts add up all
   * the same (hostile sweep 9).
   */
  public static Optional<String> changedSinceListed(List<InputFile> files, Configuration conf) {
    for (InputFile file : files) {
      Path path = new Path(file.path());
      String name = "'" + display(file.path()) + "'";
      FileStatus now;
      try {
        now = path.getFileSystem(conf).getFileStatus(path);
      } catch (FileNotFoundException gone) {
        return Optional.of(name + " was listed and is gone now");
      } catch (IOException unknown) {
        continue; // a file system that cannot tell now says so when it is read again
      }
      if (now.getLen() != file.bytes()) {
        return Optional.of(
            String.format(
                Locale.ROOT,
                "%s held %,d bytes when listed and holds %,d now",
                name,
                file.bytes(),
                now.getLen()));
      }
      if (file.modified() >= 0 && now.getModificationTime() != file.modified()) {
        return Optional.of(
            name
                + " was modified at "
                + Instant.ofEpochMilli(now.getModificationTime())
                + ", after it was listed");
      }
    }
    return Optional.empty();
  }

  public static String display(String path) {
    return path.startsWith("file:") ? path.replaceFirst("^file:(//)?", "") : path;
  }

  /**
   * TraceMine output directories below the input directory {@code path} (they hold a commit
   * manifest or a run lock), which the listing skips, by path; empty for a file.
   */
  public static List<String> outputDirectories(String path, Configuration conf) {
    return walkDirectory(path, conf).outputs.stream().map(InputFiles::display).sorted().toList();
  }

  /**
   * The files Spark's own readers list under {@code path} at any depth (names starting with {@code
   * .} or {@code _} skipped), for an input Spark lists itself (batch {@code match --input}): {@code
   * path} itself when it is a file; none when it does not exist or cannot be listed here (the read
   * names that). Fails naming an entry Hadoop's listing, and so Spark's read, would leave out (a
   * name this JVM's file-name encoding cannot decode, a link to nothing), a link that makes a
   * cycle, a name Spark cannot read, or a directory without a file to read.
   */
  public static List<String> filesSparkLists(String input, String path, Configuration conf) {
    Path root = new Path(PostsSource.absolute(path));
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        return List.of();
      }
      Walk walk = new Walk(input, fs.makeQualified(root), false);
      collect(fs, fs.getFileStatus(root), walk.files, null, walk);
      if (walk.files.isEmpty()) {
        throw new MalformedInputException(
            "Cannot read "
                + input
                + ": it holds no file to read (names starting with '.' or '_' are skipped)");
      }
      return walk.files.stream().map(f -> f.getPath().toString()).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Every file under the input directory {@code path}, a dump's other tables included. */
  private static Walk walkDirectory(String path, Configuration conf) {
    Path root = new Path(PostsSource.absolute(path));
    try {
      FileSystem fs = root.getFileSystem(conf);
      Walk walk = new Walk(POSTS, fs.makeQualified(root), true);
      if (fs.exists(root) && fs.getFileStatus(root).isDirectory()) {
        collect(fs, fs.getFileStatus(root), walk.files, null, walk);
      }
      return walk;
    } catch (IOException e) {
      throw new MalformedInputException("Cannot read posts: cannot list '" + path + "'", e);
    }
  }

  /**
   * One listing: the input's name for messages, its root, the real paths of the local directories
   * above the one listed (a symbolic link back to one of them is a cycle, which would list the same
   * files again and again), whether TraceMine output directories below the root are skipped (as
   * TraceMine's own listing does, unlike Spark's), the ones skipped, and the files found.
   */
  private static final class Walk {
    final String input;
    final Path root;
    final boolean skipsOutputs;
    final List<java.nio.file.Path> above = new ArrayList<>();
    final List<String> outputs = new ArrayList<>();
    final List<FileStatus> files = new ArrayList<>();

    Walk(String input, Path root, boolean skipsOutputs) {
      this.input = input;
      this.root = root;
      this.skipsOutputs = skipsOutputs;
    }
  }

  /**
   * Files under {@code status}; in a directory read as XML, without a dump's other tables; without
   * TraceMine output directories below the root when the walk skips them; failing on a symbolic
   * link that makes a cycle.
   */
  private static void collect(
      FileSystem fs, FileStatus status, List<FileStatus> out, SourceType type, Walk walk)
      throws IOException {
    if (!status.isDirectory()) {
      requireRegularFile(status.getPath(), walk.input);
      out.add(status);
      return;
    }
    java.nio.file.Path real = localRealPath(status.getPath());
    List<java.nio.file.Path> above = walk.above;
    if (real != null && above.contains(real)) {
      throw new MalformedInputException(
          "Cannot read "
              + walk.input
              + ": directory '"
              + display(status.getPath().toString())
              + "' is a link back to '"
              + real
              + "', which holds it (a cycle); remove the link or name the directories to read");
    }
    FileStatus[] children = fs.listStatus(status.getPath());
    if (real != null) {
      requireEveryEntryListed(real, children, walk.input);
    }
    boolean below = !status.getPath().equals(walk.root);
    if (below
        && walk.skipsOutputs
        && Arrays.stream(children)
            .anyMatch(c -> OUTPUT_MARKER.matcher(c.getPath().getName()).matches())) {
      walk.outputs.add(status.getPath().toString());
      return;
    }
    if (real != null) {
      above.add(real);
    }
    Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
    for (FileStatus child : children) {
      String name = child.getPath().getName();
      boolean otherTable =
          type == SourceType.XML && !child.isDirectory() && isLeftOut(walk.input, name);
      if (!name.startsWith(".") && !name.startsWith("_") && !otherTable) {
        if (!child.isDirectory()) {
          requireANameSparkReads(walk.input, child.getPath());
        }
        collect(fs, child, out, type, walk);
      }
    }
    if (real != null) {
      above.remove(above.size() - 1);
    }
  }

  /**
   * Fails naming an entry of the local directory {@code dir} that Hadoop's listing leaves out, so
   * its rows would be lost silently: a symbolic link to nothing (a part on a volume that is not
   * mounted), or a name this JVM's file-name encoding cannot decode (a Latin-1 name under a UTF-8
   * locale, any non-ASCII name under C or POSIX). Names starting with {@code .} or {@code _} are
   * skipped anyway.
   */
  private static void requireEveryEntryListed(
      java.nio.file.Path dir, FileStatus[] listed, String input) throws IOException {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (FileStatus child : listed) {
      names.add(child.getPath().getName());
    }
    try (java.util.stream.Stream<java.nio.file.Path> entries = java.nio.file.Files.list(dir)) {
      for (java.nio.file.Path entry : (Iterable<java.nio.file.Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (names.contains(name) || name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        if (!opensByItsName(dir, name)) {
          throw undecodableName(input, entry);
        }
        if (java.nio.file.Files.isSymbolicLink(entry) && !java.nio.file.Files.exists(entry)) {
          throw new MalformedInputException(
              "Cannot read "
                  + input
                  + ": '"
                  + entry
                  + "' is a symbolic link to '"
                  + java.nio.file.Files.readSymbolicLink(entry)
                  + "', which does not exist; restore its target or remove the link");
        }
      }
    }
  }

  private static MalformedInputException undecodableName(String input, java.nio.file.Path entry) {
    String encoding = System.getProperty("sun.jnu.encoding");
    return new MalformedInputException(
        "Cannot read "
            + input
            + ": the name of '"
            + entry
            + "' cannot be written in this JVM's file-name encoding (sun.jnu.encoding="
            + encoding
            + ", from the locale), so the file would be left out: "
            + (encoding.equalsIgnoreCase("UTF-8")
                ? "rename it (its name is not UTF-8)"
                : "rename it, or run under a UTF-8 locale (LANG=C.UTF-8; submit.sh chooses one"
                    + " when the locale's encoding is not UTF-8)"));
  }

  /**
   * Whether the entry {@code name} of {@code dir} (as listed, its bytes decoded in the file-name
   * encoding) names it again: a name whose bytes that encoding cannot decode does not.
   */
  private static boolean opensByItsName(java.nio.file.Path dir, String name) {
    try {
      return java.nio.file.Files.exists(
          java.nio.file.Path.of(dir.toString(), name), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /**
   * Fails naming a local input that is not a regular file (a named pipe, a device such as {@code
   * /dev/zero}, a socket): opening it blocks or never ends, with the output's lock held (before:
   * ingest hung without a word, hostile sweep 6).
   */
  private static void requireRegularFile(Path file, String input) {
    if (!"file".equals(file.toUri().getScheme())) {
      return;
    }
    java.nio.file.Path local = io.tracemine.spark.LocalPaths.of(file.toUri());
    if (!java.nio.file.Files.isRegularFile(local)) {
      throw new MalformedInputException(
          "Cannot read "
              + input
              + ": '"
              + local
              + "' is not a regular file (a named pipe, a device or a socket), which cannot be"
              + " read in parts; write the dump to a file and read that");
    }
  }

  /** The real path of a directory on the local file system; null elsewhere. */
  private static java.nio.file.Path localRealPath(Path dir) throws IOException {
    if (!"file".equals(dir.toUri().getScheme())) {
      return null;
    }
    return io.tracemine.spark.LocalPaths.of(dir.toUri()).toRealPath();
  }

  /** A file's first {@link XmlFileFormat#HEAD_BYTES} and last {@link #TAIL_BYTES}. */
  private record Ends(byte[] head, byte[] tail) {}

  /** Enough of a file's end to hold its last row's end and the root's closing tag. */
  private static final int TAIL_BYTES = 256;

  /**
   * Checks a file's format by its first {@link XmlFileFormat#HEAD_BYTES} (and a Parquet file's
   * magic number at its end); returns both ends, read through one open.
   */
  private static Ends probe(FileSystem fs, FileStatus status, SourceType type, String input)
      throws IOException {
    String file = display(status.getPath().toString());
    Ends ends = readEnds(fs, status);
    byte[] head = ends.head();
    if (type == SourceType.PARQUET) {
      byte[] tail = ends.tail();
      byte[] lastFour = Arrays.copyOfRange(tail, Math.max(0, tail.length - 4), tail.length);
      if (status.getLen() < 12
          || !XmlFileFormat.startsWith(head, PARQUET_MAGIC)
          || !XmlFileFormat.startsWith(lastFour, PARQUET_MAGIC)) {
        throw new MalformedInputException(
            "Cannot read "
                + input
                + ": '"
                + file
                + "' is not a Parquet file (it does not start and end"
                + " with the magic number PAR1)"
                + hintForParquet(head));
      }
      return ends;
    }
    if (XmlFileFormat.startsWith(head, PARQUET_MAGIC)) {
      throw new MalformedInputException(
          "Cannot read "
              + input
              + ": '"
              + file
              + (input.equals(POSTS)
                  ? "' is a Parquet file, not a Posts.xml dump: read it with --source parquet"
                  : "' is a Parquet file, not a PostLinks.xml dump: set source.postlinks.type to"
                      + " parquet"));
    }
    String problem =
        XmlFileFormat.problem(
            status.getPath().getName(),
            head,
            org.apache.hadoop.io.compress.ZStandardCodec.isNativeCodeLoaded());
    if (problem == null) {
      problem = declaredEncodingProblem(fs, status, head);
    }
    if (problem != null) {
      throw new MalformedInputException("Cannot read " + input + ": '" + file + "' " + problem);
    }
    return ends;
  }

  /**
   * {@link XmlFileFormat#declaredEncodingProblem} of the file's beginning: {@code head} for a file
   * that is not compressed, else its first bytes decompressed; null also when it cannot be
   * decompressed there (the read names that).
   */
  private static String declaredEncodingProblem(FileSystem fs, FileStatus status, byte[] head) {
    try {
      boolean compressed =
          new org.apache.hadoop.io.compress.CompressionCodecFactory(fs.getConf())
                  .getCodec(status.getPath())
              != null;
      String text =
          compressed
              ? head(
                  new InputFile(status.getPath().toString(), status.getLen()),
                  fs.getConf(),
                  XmlFileFormat.HEAD_BYTES)
              : new String(head, StandardCharsets.UTF_8);
      return XmlFileFormat.declaredEncodingProblem(status.getPath().getName(), text);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String hintForParquet(byte[] head) {
    String start = new String(head, StandardCharsets.ISO_8859_1);
    boolean xml = start.startsWith("<") || start.startsWith("\u00ef\u00bb\u00bf<");
    if (xml || XmlFileFormat.startsWith(head, XmlFileFormat.GZIP)) {
      return "; it looks like a Posts.xml dump: read it with --source xml";
    }
    return "";
  }

  /**
   * Why an XML input file is not a {@code Posts.xml} dump ({@link PostsXmlLine#notADump}), read
   * from its first 4 KiB (decompressed); null when it may be one or cannot be read there.
   */
  public static String notADump(InputFile file, Configuration conf) {
    try {
      return PostsXmlLine.notADump(head(file, conf, 4096));
    } catch (IOException | RuntimeException e) {
      return null; // the gate's message stands without the hint
    }
  }

  /**
   * Whether an XML input file holds one row per line ({@link PostsXmlLine#rowPerLine}), judged by
   * its first 64 KiB (decompressed); a file that cannot be read there is read by lines, whose
   * errors name it.
   */
  public static boolean rowPerLine(InputFile file, Configuration conf) {
    try {
      return PostsXmlLine.rowPerLine(head(file, conf, 1 << 16));
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private static String head(InputFile file, Configuration conf, int bytes) throws IOException {
    try (java.io.InputStream in = openDecompressed(file.path(), conf)) {
      return new String(in.readNBytes(bytes), StandardCharsets.UTF_8);
    }
  }

  /** A file's content, through the codec its name asks for ({@code .gz}, {@code .bz2}) if any. */
  public static java.io.InputStream openDecompressed(String file, Configuration conf)
      throws IOException {
    Path path = new Path(file);
    var codec = new org.apache.hadoop.io.compress.CompressionCodecFactory(conf).getCodec(path);
    java.io.InputStream raw = path.getFileSystem(conf).open(path);
    try {
      return codec == null ? raw : codec.createInputStream(raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static Ends readEnds(FileSystem fs, FileStatus status) throws IOException {
    long length = status.getLen();
    byte[] head = new byte[(int) Math.min(XmlFileFormat.HEAD_BYTES, length)];
    byte[] tail = new byte[(int) Math.min(TAIL_BYTES, length)];
    if (length > 0) {
      try (FSDataInputStream in = fs.open(status.getPath())) {
        in.readFully(0, head);
        in.readFully(length - tail.length, tail);
      }
    }
    return new Ends(head, tail);
  }

  private static String describe(SourceType type) {
    return type == SourceType.PARQUET ? "Parquet" : "input";
  }
}
