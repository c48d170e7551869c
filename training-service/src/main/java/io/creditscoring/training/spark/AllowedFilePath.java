package io.creditscoring.training.spark;

import io.creditscoring.model.portfolio.SchemaViolation;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A {@code file:} source lies under an allowed directory as the file system resolves it, not only as its text reads:
 * a symbolic link inside an allowed directory may point anywhere, and the job's file system follows it. So the path
 * and every allowed directory are resolved to their real paths before the check, and for a directory every entry
 * below it (links followed, as Spark's listing follows them) must resolve inside an allowed directory too.
 *
 * <p>The text is checked first, without touching the file system, so that a path outside every allowed directory is
 * refused the same way whether it exists or not (the answer tells nothing about other directories). What the check
 * cannot see is a change after it: whoever may write into an allowed directory may still link out of it before the
 * job reads; the allow-list keeps requests, not the directories' writers, in bounds.
 */
final class AllowedFilePath {

    private static final String SETTING = "training.spark.sources.allowed-directories";

    private AllowedFilePath() {}

    /**
     * @return the real path as a {@code file:} URI (what the job reads), or null with the reason added
     */
    static String check(Path requested, List<String> allowedDirectories, List<SchemaViolation> violations) {
        Path file = requested.normalize();
        List<Path> configured = allowedDirectories.stream()
                .map(d -> Path.of(d).toAbsolutePath().normalize())
                .toList();
        List<Path> real = realPaths(configured);
        if (!file.isAbsolute() || !(under(file, configured) || under(file, real))) {
            return refuse(violations, "'" + file + "' is not under " + SETTING + " " + allowedDirectories);
        }
        Path resolved;
        try {
            resolved = file.toRealPath();
        } catch (NoSuchFileException e) {
            return refuse(violations, "'" + file + "' does not exist");
        } catch (IOException e) {
            return refuse(violations, "'" + file + "' cannot be read");
        }
        if (!under(resolved, real)) {
            return refuse(violations, "'" + file + "' leads out of " + SETTING + " through a symbolic link");
        }
        if (Files.isDirectory(resolved)) {
            String escape = entryOutside(resolved, real);
            if (escape != null) {
                return refuse(violations, "'" + file + "' " + escape);
            }
        }
        return resolved.toUri().toString();
    }

    private static String refuse(List<SchemaViolation> violations, String reason) {
        violations.add(new SchemaViolation("source.path", reason));
        return null;
    }

    /** The configured directories that exist, resolved; one that does not exist holds nothing to read. */
    private static List<Path> realPaths(List<Path> directories) {
        List<Path> real = new ArrayList<>();
        for (Path directory : directories) {
            try {
                real.add(directory.toRealPath());
            } catch (IOException e) {
                // absent or unreadable: nothing under it can be read either
            }
        }
        return real;
    }

    private static boolean under(Path path, List<Path> directories) {
        return directories.stream().anyMatch(path::startsWith);
    }

    /** Why an entry below the directory leads out of the allowed ones, or null when none does. */
    private static String entryOutside(Path directory, List<Path> allowed) {
        String[] reason = {null};
        try {
            Files.walkFileTree(
                    directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                            return visit(dir);
                        }

                        @Override
                        public FileVisitResult visitFile(Path entry, BasicFileAttributes attributes) {
                            return visit(entry);
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path entry, IOException e) {
                            reason[0] = e instanceof FileSystemLoopException
                                    ? "holds a symbolic link loop at '" + directory.relativize(entry) + "'"
                                    : "holds '" + directory.relativize(entry) + "', which cannot be read";
                            return FileVisitResult.TERMINATE;
                        }

                        private FileVisitResult visit(Path entry) {
                            Path real;
                            try {
                                real = entry.toRealPath();
                            } catch (IOException e) {
                                // a dangling link
                                return visitFileFailed(entry, e);
                            }
                            if (under(real, allowed)) {
                                return FileVisitResult.CONTINUE;
                            }
                            reason[0] =
                                    "holds '" + directory.relativize(entry) + "', a symbolic link out of " + SETTING;
                            return FileVisitResult.TERMINATE;
                        }
                    });
        } catch (IOException e) {
            return "cannot be listed";
        }
        return reason[0];
    }
}
