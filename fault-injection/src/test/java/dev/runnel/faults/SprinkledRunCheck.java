package dev.runnel.faults;

import dev.runnel.faults.jobs.SprinkledInput;
import dev.runnel.faults.jobs.SprinkledInput.BadKind;
import dev.runnel.faults.jobs.SprinkledInput.ExpectedDeadLetter;
import dev.runnel.faults.run.RunOutput;
import dev.runnel.faults.run.SinkRecord;
import dev.runnel.localrunner.summary.DeadLetter;
import dev.runnel.plan.Plan;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks one run of {@link dev.runnel.faults.jobs.SprinkledJob} against what its {@link SprinkledInput} must produce,
 * computed from the input alone: the dead-letter table holds exactly the bad records, each under one position and
 * as many times as its line was fed to be dead-lettered (once, except alike {@code grow} lines), in the stage and
 * with the error type of its kind, no good record among them; {@code sprinkled-out}, without duplicates by record
 * identity, holds exactly the outputs of the good records.
 *
 * @param problems      what is wrong, empty when the run is right
 * @param deadLettered  per kind of bad record, how many dead letters of that kind the run holds
 */
record SprinkledRunCheck(List<String> problems, Map<BadKind, Integer> deadLettered) {
  private static final String OUT = "sprinkled-out";
  private static final int EXAMPLES = 5;

  SprinkledRunCheck {
    problems = List.copyOf(problems);
    deadLettered = Map.copyOf(deadLettered);
  }

  static SprinkledRunCheck of(Plan plan, SprinkledInput input, RunOutput run) {
    List<String> problems = new ArrayList<>();
    Map<BadKind, Integer> deadLettered = new EnumMap<>(BadKind.class);
    List<DeadLetter> letters = run.summary().deadLetters();
    Set<String> positions = new HashSet<>();
    Map<String, Integer> perPayload = new TreeMap<>();
    Map<String, Integer> actual = new TreeMap<>();
    for (DeadLetter letter : letters) {
      if (!positions.add(letter.stage() + "/" + letter.shard() + "/" + letter.sequenceNumber())) {
        problems.add("two dead letters at one position: " + letter.stage() + " " + letter.shard() + " "
            + letter.sequenceNumber());
      }
      perPayload.merge(letter.payload(), 1, Integer::sum);
      actual.merge(letter.stage() + " " + letter.errorType() + " " + letter.payload(), 1, Integer::sum);
      BadKind kind = SprinkledInput.kindOf(letter.payload());
      if (kind == null) {
        problems.add("a good record was dead-lettered: " + describe(letter));
      } else {
        deadLettered.merge(kind, 1, Integer::sum);
      }
    }
    Map<String, Integer> expectedPerPayload = new TreeMap<>();
    Map<String, Integer> expected = new TreeMap<>();
    for (ExpectedDeadLetter letter : input.deadLetters()) {
      String stage = plan.stages().get(letter.kind().stage()).id();
      expectedPerPayload.merge(letter.payload(), 1, Integer::sum);
      expected.merge(stage + " " + letter.kind().errorType() + " " + letter.payload(), 1, Integer::sum);
    }
    compare("dead letters per payload", expectedPerPayload, perPayload, problems);
    compare("dead letters by stage, error type and payload", expected, actual, problems);
    Map<String, Integer> outputs = new TreeMap<>();
    Set<String> identities = new HashSet<>();
    for (SinkRecord record : run.streams().getOrDefault(OUT, List.of())) {
      if (record.identity().map(identities::add).orElse(true)) {
        outputs.merge(record.data(), 1, Integer::sum);
      }
    }
    Map<String, Integer> expectedOutputs = new TreeMap<>();
    input.outputs().forEach(o -> expectedOutputs.merge(o, 1, Integer::sum));
    compare(OUT + " without duplicates", expectedOutputs, outputs, problems);
    return new SprinkledRunCheck(problems, deadLettered);
  }

  private static void compare(String what, Map<String, Integer> expected, Map<String, Integer> actual,
      List<String> problems) {
    List<String> differences = new ArrayList<>();
    Set<String> all = new HashSet<>(expected.keySet());
    all.addAll(actual.keySet());
    for (String value : new TreeSet<>(all)) {
      int want = expected.getOrDefault(value, 0);
      int got = actual.getOrDefault(value, 0);
      if (want != got) {
        differences.add("x" + got + " instead of x" + want + ": " + value);
      }
    }
    if (!differences.isEmpty()) {
      problems.add(what + ": " + differences.size() + " differ, e.g. "
          + differences.subList(0, Math.min(EXAMPLES, differences.size())));
    }
  }

  private static String describe(DeadLetter letter) {
    return letter.stage() + " " + letter.shard() + " " + letter.sequenceNumber() + " " + letter.errorType() + " "
        + letter.payload() + " (" + letter.error() + ")";
  }
}
