package dev.runnel.planner;

import dev.runnel.plan.AggregateSpec;
import dev.runnel.plan.EventTimeSpec;
import dev.runnel.plan.BroadcastSpec;
import dev.runnel.plan.JoinSide;
import dev.runnel.plan.JoinSpec;
import dev.runnel.plan.OperatorKind;
import dev.runnel.plan.OperatorSpec;
import dev.runnel.plan.OutputKind;
import dev.runnel.plan.OutputSpec;
import dev.runnel.plan.Plan;
import dev.runnel.plan.StageSpec;
import dev.runnel.plan.StateKind;
import dev.runnel.plan.StateLayout;
import dev.runnel.plan.StateSpec;
import dev.runnel.plan.StreamSpec;
import dev.runnel.plan.TableRole;
import dev.runnel.plan.TableSpec;
import dev.runnel.plan.TimeSpec;
import dev.runnel.plan.WindowKind;
import dev.runnel.plan.WindowSpec;

/** Explains a plan: its stage graph as readable text, or as a Mermaid flowchart. */
public final class Explainer {
  private Explainer() {}

  /** The stage graph as text: one block per stage, its input, fused operators and outputs. */
  public static String text(Plan plan) {
    StringBuilder out = new StringBuilder();
    out.append("job ").append(plan.job()).append(" (").append(plan.jobClass()).append("), ")
        .append(plan.stages().size()).append(plan.stages().size() == 1 ? " stage" : " stages")
        .append(plan.tables(dev.runnel.plan.TableRole.CHECKPOINT).isEmpty() ? ", at least once" : ", exactly once")
        .append(", plan ").append(plan.format()).append('\n');
    for (StageSpec stage : plan.stages()) {
      StreamSpec input = plan.stream(stage.input().stream()).orElseThrow();
      out.append('\n').append("stage ").append(stage.id()).append("  reads ").append(input.kafka() ? "topic " : "")
          .append(input.name()).append(" (").append(input.shards()).append(' ').append(input.parts(input.shards()))
          .append(", ").append(simple(stage.input().type())).append(", ").append(stage.input().codec())
          .append(stage.keyed() ? ", keyed by " + stage.keyField() : "").append(")")
          .append("  batch ").append(stage.batching().batchSize())
          .append(", window ").append(stage.batching().batchingWindowSeconds()).append(" s")
          .append(stage.batching().maximumRetryAttempts() < 0 ? ", retries until done" : "")
          .append(stage.batching().parallelizationFactor() > 1
              ? ", " + stage.batching().parallelizationFactor() + " parallel lanes per shard" : "").append('\n');
      if (stage.keyed() && !plan.tables(TableRole.CHECKPOINT).isEmpty()) {
        out.append("  ").append(layout(plan, stage)).append('\n');
      }
      if (stage.time() != null) {
        out.append("  ").append(time(stage)).append('\n');
      }
      if (stage.input().ids() != null) {
        out.append("  producer copies: same ").append(stage.input().ids().field()).append(" within ")
            .append(duration(stage.input().ids().windowMillis())).append(" of the first copy, skipped\n");
      }
      for (OperatorSpec operator : stage.operators()) {
        out.append(String.format("  %-10s %-8s %s -> %s   (reads %s)%n", operator.name(),
            operator.kind().name().toLowerCase().replace('_', '-'), simple(operator.inputType()),
            simple(operator.outputType()), String.join(", ", operator.inputs())));
        if (operator.window() != null) {
          out.append("      ").append(windows(operator.window())).append('\n');
        }
        if (operator.join() != null) {
          JoinSpec join = operator.join();
          out.append("      pairs left ").append(join.left()).append(" (").append(simple(join.leftType()))
              .append(", key ").append(join.leftKey()).append(") with right ").append(join.right()).append(" (")
              .append(simple(join.rightType())).append(", key ").append(join.rightKey()).append(")")
              .append(join.interval() ? " when left.t " + offset(join.lowerBound()) + " <= right.t <= left.t "
                  + offset(join.upperBound()) + ", as soon as the second arrives" : "").append('\n');
        }
        if (operator.broadcast() != null) {
          BroadcastSpec broadcast = operator.broadcast();
          out.append("      keyed records tagged data; broadcast records of ").append(broadcast.node()).append(" (")
              .append(simple(broadcast.type())).append(") on every shard, applied by ")
              .append(broadcast.onBroadcast()).append("(").append(simple(broadcast.type())).append(", BroadcastState<")
              .append(simple(broadcast.keyType())).append(", ").append(simple(broadcast.valueType())).append(">)\n");
        }
        if (operator.kind() == OperatorKind.LATE) {
          out.append("      records later than ").append(operator.from()).append("'s allowed lateness\n");
        }
        if (operator.kind() == OperatorKind.SIDE) {
          out.append("      records ").append(operator.from()).append(" emitted to its side output\n");
        }
        if (operator.onTimer() != null) {
          out.append("      timers fire ").append(operator.onTimer()).append("(Timer, ...)\n");
        }
        appendStates(out, stage, operator.name());
        appendOutputs(out, plan, stage, operator.name());
      }
      if (stage.operators().isEmpty()) {
        appendOutputs(out, plan, stage, stage.input().node());
      }
    }
    TableSpec deadLetters = plan.deadLetterTable();
    out.append('\n').append("dead letters: table ").append(deadLetters.name()).append(", kept ")
        .append(duration(deadLetters.ttlSeconds() * 1000)).append('\n');
    for (TableSpec table : plan.tables(TableRole.STATE_LOG)) {
      out.append("state log: table ").append(table.name()).append('\n');
    }
    for (TableSpec table : plan.tables(TableRole.PROGRESS)) {
      out.append("watermarks: table ").append(table.name()).append('\n');
    }
    // stages in the log layout queue their windows and timers in their state log, not in the timer index
    boolean indexed = plan.stages().stream().anyMatch(s -> s.time() != null && s.layout() == StateLayout.KEYS
        && s.state().stream().anyMatch(state -> state.kind() == StateKind.WINDOW || state.kind() == StateKind.TIMERS));
    for (TableSpec table : plan.tables(TableRole.TIMERS)) {
      if (indexed) {
        out.append("timer index: table ").append(table.name()).append('\n');
      }
    }
    return out.toString();
  }

  /** Where a keyed stage keeps its state: per shard in the state log, or one item per key (docs/state-log.md). */
  private static String layout(Plan plan, StageSpec stage) {
    return switch (stage.layout()) {
      case LOG -> "state layout: log (per shard, snapshot and log entries in table "
          + plan.tables(TableRole.STATE_LOG).get(0).name() + ")";
      case KEYS -> "state layout: keys (one item per key in table " + plan.tables(TableRole.STATE).get(0).name()
          + (stage.batching().parallelizationFactor() > 1 ? "; parallel lanes keep this layout" : "") + ")";
    };
  }

  /** How the stage follows event time: from its source's records, or from its upstream stages, and its tick. */
  private static String time(StageSpec stage) {
    TimeSpec time = stage.time();
    EventTimeSpec eventTime = stage.input().eventTime();
    String watermark;
    if (!time.readsSource()) {
      watermark = "watermark: min of stage" + (time.upstreamStages().size() == 1 ? " " : "s ")
          + String.join(", ", time.upstreamStages());
    } else if (eventTime == null) {
      watermark = "event time: none declared on this source";
    } else {
      watermark = "event time: field " + eventTime.field() + ", out of order up to "
          + duration(eventTime.maxOutOfOrdernessMillis())
          + (eventTime.idleAfterMillis() > 0 ? ", idle after " + duration(eventTime.idleAfterMillis()) : "")
          + (eventTime.maxAheadMillis() != null ? ", at most " + duration(eventTime.maxAheadMillis()) + " ahead" : "")
          + (eventTime.earliestMillis() != null && eventTime.earliestMillis() == 0 ? ", not negative" : "");
    }
    return watermark + (time.tickSeconds() > 0 ? "; tick every " + duration(time.tickSeconds() * 1000) : "");
  }

  /**
   * A window spec in words: {@code tumbling 1 min, count, lateness 10 s, late records -> lateClicks}; processing-time
   * windows say so ({@code tumbling 1 min processing time, count}), count windows have no late records
   * ({@code count windows of 100 records every 10, sum of cents}).
   */
  private static String windows(WindowSpec window) {
    String kind = switch (window.kind()) {
      case TUMBLING -> "tumbling " + duration(window.sizeMillis());
      case SLIDING -> "sliding " + duration(window.sizeMillis()) + " every " + duration(window.slideMillis());
      case SESSION -> "session, gap " + duration(window.gapMillis());
      case COUNT -> "count windows of " + window.count() + " records"
          + (window.countSlide() == null ? "" : " every " + window.countSlide());
    };
    if (window.kind() == WindowKind.COUNT) {
      return kind + ", " + aggregate(window.aggregate());
    }
    String early = (window.earlyEveryMillis() == null ? "" : ", early every " + duration(window.earlyEveryMillis()))
        + (window.earlyCount() == null ? "" : ", early every " + window.earlyCount() + " records")
        + (window.discards() ? ", discarding" : "");
    if (window.followsProcessingTime()) {
      return kind + " processing time, " + aggregate(window.aggregate()) + early;
    }
    return kind + ", " + aggregate(window.aggregate()) + early
        + (window.latenessMillis() > 0 ? ", lateness " + duration(window.latenessMillis()) : "")
        + ", late records -> " + (window.lateNode() == null ? "dead letters" : window.lateNode());
  }

  private static String aggregate(AggregateSpec aggregate) {
    if (aggregate == null) {
      return "all records";
    }
    return switch (aggregate.kind()) {
      case COUNT -> "count";
      case FUNCTION -> "aggregate " + simple(aggregate.function());
      default -> aggregate.kind().name().toLowerCase() + " of " + aggregate.field();
    };
  }

  /** A duration in its largest whole unit: {@code 90 s}, {@code 1 min}, {@code 2 h}, {@code 250 ms}. */
  static String duration(long millis) {
    if (millis != 0 && millis % 86_400_000 == 0) {
      return millis / 86_400_000 + " d";
    } else if (millis != 0 && millis % 3_600_000 == 0) {
      return millis / 3_600_000 + " h";
    } else if (millis != 0 && millis % 60_000 == 0) {
      return millis / 60_000 + " min";
    } else if (millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    return millis + " ms";
  }

  private static void appendStates(StringBuilder out, StageSpec stage, String operator) {
    for (StateSpec state : stage.state()) {
      if (state.operator().equals(operator)) {
        out.append("      state ").append(state.name()).append(": ").append(state.kind().name().toLowerCase())
            .append(state.typeArguments().isEmpty() ? ""
                : "<" + String.join(", ", state.typeArguments().stream().map(Explainer::simple).toList()) + ">")
            .append(state.ttlSeconds() > 0 ? ", ttl " + state.ttlSeconds() + " s" : "")
            .append(stage.layout() == StateLayout.LOG ? " in the state log" : " in table " + state.table())
            .append('\n');
      }
    }
  }

  private static void appendOutputs(StringBuilder out, Plan plan, StageSpec stage, String node) {
    for (OutputSpec output : stage.outputs()) {
      if (!output.from().equals(node)) {
        continue;
      }
      String key = output.keyField() == null ? "" : " (key " + output.keyField() + ")";
      String target = switch (output.kind()) {
        case REPARTITION -> "=> repartition " + (topic(plan, output) ? "topic " : "") + output.target() + key
            + (output.side() == null ? " -> next stage"
            : output.side() == JoinSide.DATA ? " -> the keyed input of " + output.name().replace(".data", "")
            : " -> the " + output.side().tag() + " input of a join");
        case BROADCAST -> "=> broadcast to every shard of " + output.target() + " -> the broadcast input of "
            + output.name().replace(".broadcast", "");
        case STREAM -> "-> " + (topic(plan, output) ? "topic " : "stream ") + output.target() + key + " [sink "
            + output.name() + "]";
        case TABLE -> "-> table " + output.target() + key + " [sink " + output.name() + "]";
        case CONSOLE -> "-> console [sink " + output.name() + "]";
      };
      out.append("      ").append(target).append('\n');
    }
  }

  private static boolean topic(Plan plan, OutputSpec output) {
    return plan.stream(output.target()).map(StreamSpec::kafka).orElse(false);
  }

  /** The stage graph as a Mermaid flowchart: streams and tables as shapes, one subgraph per stage. */
  public static String mermaid(Plan plan) {
    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (StreamSpec stream : plan.streams()) {
      out.append("  ").append(id("stream", stream.name())).append(">\"").append(stream.kafka() ? "topic " : "")
          .append(stream.name()).append("<br/>").append(stream.shards()).append(' ')
          .append(stream.parts(stream.shards())).append("\"]\n");
    }
    for (TableSpec table : plan.tables()) {
      out.append("  ").append(id("table", table.name())).append("[(\"table ").append(table.name())
          .append("\")]\n");
    }
    for (StageSpec stage : plan.stages()) {
      out.append("  subgraph ").append(id("stage", stage.id())).append(" [\"stage ").append(stage.id())
          .append(stage.time() != null && stage.time().tickSeconds() > 0
              ? "<br/>tick " + duration(stage.time().tickSeconds() * 1000) : "")
          .append("\"]\n");
      String inputNode = id(stage.id(), "in");
      out.append("    ").append(inputNode).append("([\"").append(simple(stage.input().type()))
          .append(stage.input().eventTime() == null ? "" : "<br/>event time " + stage.input().eventTime().field())
          .append("\"])\n");
      for (OperatorSpec operator : stage.operators()) {
        out.append("    ").append(id(stage.id(), operator.name())).append("[\"").append(operator.name())
            .append("<br/>").append(operator.kind().name().toLowerCase().replace('_', '-'))
            .append(operator.window() == null ? "" : "<br/>" + windows(operator.window()).replace("->", "to"))
            .append(operator.onTimer() == null ? "" : "<br/>timers: " + operator.onTimer())
            .append("\"]\n");
      }
      for (OutputSpec output : stage.outputs()) {
        if (output.kind() == OutputKind.CONSOLE) {
          out.append("    ").append(id(stage.id(), "console-" + output.name())).append("[/\"console: ")
              .append(output.name()).append("\"/]\n");
        }
      }
      out.append("  end\n");
      out.append("  ").append(id("stream", stage.input().stream())).append(" --> ").append(inputNode).append('\n');
      for (OperatorSpec operator : stage.operators()) {
        for (String input : operator.inputs()) {
          String from = input.equals(stage.input().node()) ? inputNode : id(stage.id(), input);
          out.append("  ").append(from).append(operator.kind() == OperatorKind.LATE ? " -. late .-> "
              : operator.kind() == OperatorKind.SIDE ? " -. side .-> " : " --> ")
              .append(id(stage.id(), operator.name())).append('\n');
        }
      }
      for (OutputSpec output : stage.outputs()) {
        String from = output.from().equals(stage.input().node()) ? inputNode : id(stage.id(), output.from());
        String to = switch (output.kind()) {
          case REPARTITION, STREAM, BROADCAST -> id("stream", output.target());
          case TABLE -> id("table", output.target());
          case CONSOLE -> id(stage.id(), "console-" + output.name());
        };
        String label = output.kind() == OutputKind.REPARTITION ? " == \"key " + output.keyField() + "\" ==> "
            : output.kind() == OutputKind.BROADCAST ? " == \"every shard\" ==> " : " --> ";
        out.append("  ").append(from).append(label).append(to).append('\n');
      }
    }
    return out.toString();
  }

  private static String id(String kind, String name) {
    return (kind + "_" + name).replaceAll("[^A-Za-z0-9_]", "_");
  }

  private static String simple(String className) {
    int cut = Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'));
    return className.substring(cut + 1);
  }

  /** An interval join bound as an offset from the left record's time: "- 1000 ms", "+ 5000 ms". */
  private static String offset(long millis) {
    return (millis < 0 ? "- " + -millis : "+ " + millis) + " ms";
  }
}
