package dev.runnel.nexmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The JVM's own threads are told apart by name and their CPU read from their {@code stat} lines. */
class JvmThreadsCpuTest {
  @Test
  void readsUserAndSystemTicksAfterTheNameEvenWhenItHoldsParenthesesAndSpaces() {
    String stat = "4242 (C2 (Compiler) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 31 0 0 20 0 1 0 100 0 0";
    assertThat(JvmThreadsCpu.cpuNanos(stat)).isEqualTo((250 + 31) * 10_000_000L);
  }

  @Test
  void compilerAndCollectorThreadsByTheirLinuxNames() {
    assertThat(JvmThreadsCpu.isCompiler("C2 CompilerThre")).isTrue();
    assertThat(JvmThreadsCpu.isCompiler("C1 CompilerThre")).isTrue();
    assertThat(JvmThreadsCpu.isCollector("GC Thread#0")).isTrue();
    assertThat(JvmThreadsCpu.isCollector("G1 Conc#0")).isTrue();
    assertThat(JvmThreadsCpu.isCollector("VM Thread")).isTrue();
    assertThat(JvmThreadsCpu.isCompiler("java")).isFalse();
    assertThat(JvmThreadsCpu.isCollector("main")).isFalse();
  }

  @Test
  void onLinuxTheCompilerHasWorkedByTheTimeATestRuns() {
    JvmThreadsCpu.Sample now = JvmThreadsCpu.now();
    if (Files.isDirectory(Path.of("/proc/self/task"))) {
      assertThat(now.compilerNanos()).isPositive();
    } else {
      assertThat(now).isEqualTo(new JvmThreadsCpu.Sample(0, 0));
    }
    assertThat(now.minus(now)).isEqualTo(new JvmThreadsCpu.Sample(0, 0));
  }
}
