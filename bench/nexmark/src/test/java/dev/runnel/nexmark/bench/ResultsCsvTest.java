package dev.runnel.nexmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV keeps one header: rows written under an older, narrower one get the added columns empty. */
class ResultsCsvTest {
  @Test
  void widensAFileWrittenUnderAnOlderHeader(@TempDir Path dir) throws Exception {
    String older = ResultsCsv.HEADER.substring(0, ResultsCsv.HEADER.lastIndexOf(','));
    Path file = dir.resolve("results.csv");
    Files.write(file, List.of(older, "old,row"));
    ResultsCsv.append(file, "new,row");
    assertThat(Files.readAllLines(file)).containsExactly(ResultsCsv.HEADER, "old,row,", "new,row");
  }

  @Test
  void startsANewFileWithTheHeader(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("results.csv");
    ResultsCsv.append(file, "a,row");
    ResultsCsv.append(file, "b,row");
    assertThat(Files.readAllLines(file)).containsExactly(ResultsCsv.HEADER, "a,row", "b,row");
  }
}
