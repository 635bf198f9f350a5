package dev.runnel.functions.operators;

import dev.runnel.functions.deadletter.ErrorType;
import dev.runnel.functions.deadletter.StepFailure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.runnel.functions.windows.LateOperator;
import dev.runnel.functions.windows.LateRecordException;

/**
 * The fused operators of a stage: a graph rooted at the input node, each operator reading the input node or earlier
 * operators (several for a union). Runs one input record through every operator and returns the records of each node.
 */
public final class OperatorChain {
  private final String inputNode;
  private final List<Operator> operators;
  /** The nodes each operator reads, parallel to {@code operators}: one, or several for a union. */
  private final List<List<String>> sources;
  /** Node name to its slot in a run's node array: the input node is 0, operator i is i + 1. */
  private final Map<String, Integer> slots;
  /** The slots each operator reads, parallel to {@code operators}. */
  private final int[][] sourceSlots;
  /** True when a node is filled by another operator (late records, side outputs): drained before each run. */
  private final boolean hasFilled;

  /**
   * A chain in topological order, each operator reading one node.
   *
   * @param inputNode the node of the stage input
   * @param operators the operators, each reading an earlier node
   * @param sources   the node each operator reads, parallel to {@code operators}
   */
  public OperatorChain(String inputNode, List<Operator> operators, List<String> sources) {
    this(sources.stream().map(List::of).toList(), inputNode, operators);
  }

  /**
   * A chain in topological order whose operators may read several nodes: a union reads the records of each of its
   * nodes, in the order listed.
   *
   * @param sources the nodes each operator reads, parallel to {@code operators}
   */
  public static OperatorChain ofUnions(String inputNode, List<Operator> operators, List<List<String>> sources) {
    return new OperatorChain(sources, inputNode, operators);
  }

  private OperatorChain(List<List<String>> sources, String inputNode, List<Operator> operators) {
    if (operators.size() != sources.size()) {
      throw new IllegalArgumentException("one list of source nodes per operator");
    }
    Set<String> known = new HashSet<>();
    known.add(inputNode);
    for (int i = 0; i < operators.size(); i++) {
      if (sources.get(i).isEmpty()) {
        throw new IllegalArgumentException("operator " + operators.get(i).name() + " reads no node");
      }
      for (String source : sources.get(i)) {
        if (!known.contains(source)) {
          throw new IllegalStateException("operator " + operators.get(i).name() + " reads " + source
              + ", which is neither the stage input " + inputNode + " nor an earlier operator of the stage");
        }
      }
      if (!known.add(operators.get(i).name())) {
        throw new IllegalStateException("node " + operators.get(i).name() + " appears twice in the stage");
      }
    }
    this.inputNode = inputNode;
    this.operators = List.copyOf(operators);
    this.sources = sources.stream().map(List::copyOf).toList();
    Map<String, Integer> slots = new HashMap<>();
    slots.put(inputNode, 0);
    for (int i = 0; i < operators.size(); i++) {
      slots.put(operators.get(i).name(), i + 1);
    }
    this.slots = Map.copyOf(slots);
    this.sourceSlots = new int[operators.size()][];
    for (int i = 0; i < operators.size(); i++) {
      sourceSlots[i] = sources.get(i).stream().mapToInt(slots::get).toArray();
    }
    this.hasFilled = operators.stream().anyMatch(o -> o instanceof FilledOperator);
  }

  /** True when {@code node} is the input node or one of the operators. */
  public boolean hasNode(String node) {
    return slots.containsKey(node);
  }

  /**
   * The records that reach operator {@code operator}'s input when {@code record} enters the stage, running only the
   * operators upstream of it; they must all be stateless (the planner keeps stateful ones out of that path).
   */
  public List<Object> inputsOf(String operator, Object record) throws StepFailure {
    int target = -1;
    for (int i = 0; i < operators.size(); i++) {
      if (operators.get(i).name().equals(operator)) {
        target = i;
      }
    }
    if (target < 0) {
      throw new IllegalArgumentException("operator " + operator + " is not part of this stage");
    }
    Set<String> upstream = new HashSet<>(sources.get(target));
    for (int i = target - 1; i >= 0; i--) {
      if (upstream.contains(operators.get(i).name())) {
        upstream.addAll(sources.get(i));
      }
    }
    Map<String, List<Object>> nodes = new HashMap<>();
    nodes.put(inputNode, List.of(record));
    for (int i = 0; i < target; i++) {
      Operator op = operators.get(i);
      List<Object> in = union(sources.get(i).stream().map(nodes::get).toList());
      if (!upstream.contains(op.name()) || in == null) {
        continue;
      }
      if (op instanceof ProcessOperator || op instanceof ReduceOperator || op instanceof LateOperator
          || op instanceof dev.runnel.functions.windows.WindowOperator) {
        throw new IllegalStateException("operator " + operator + " reads stateful operator " + op.name()
            + " in the same stage; plan the job again");
      }
      nodes.put(op.name(), op instanceof FilledOperator filled ? filled.drain() : applyAll(op, in));
    }
    List<Object> in = union(sources.get(target).stream().map(nodes::get).toList());
    return in == null ? List.of() : in;
  }

  /**
   * The records of a union's nodes, in the order of its nodes; null when none of them was reached. A single node's
   * list is returned as it is.
   */
  private static List<Object> union(List<List<Object>> inputs) {
    if (inputs.size() == 1) {
      return inputs.get(0);
    }
    List<Object> union = null;
    for (List<Object> records : inputs) {
      if (records != null) {
        union = union == null ? new ArrayList<>() : union;
        union.addAll(records);
      }
    }
    return union;
  }

  /** Runs {@code record} through all operators; the first operator that throws fails the whole record. */
  public Result run(Object record) throws StepFailure {
    drainFilled();
    List<Object>[] nodes = newNodes();
    nodes[0] = List.of(record);
    return runOperators(nodes, false);
  }

  /**
   * Runs {@code records}, emitted by node {@code node} outside of any input record (a window or timer that fired),
   * through the operators downstream of that node.
   */
  public Result runFrom(String node, List<Object> records) throws StepFailure {
    if (!hasNode(node)) {
      throw new IllegalArgumentException("node " + node + " is not part of this stage");
    }
    drainFilled();
    List<Object>[] nodes = newNodes();
    nodes[slots.get(node)] = List.copyOf(records);
    return runOperators(nodes, true);
  }

  /** Forgets what filled nodes still hold, such as the side outputs of a record that failed half-way. */
  private void drainFilled() {
    if (hasFilled) {
      for (Operator operator : operators) {
        if (operator instanceof FilledOperator filled) {
          filled.drain();
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private List<Object>[] newNodes() {
    return (List<Object>[]) new List<?>[operators.size() + 1];
  }

  private Result runOperators(List<Object>[] nodes, boolean fromNode) throws StepFailure {
    long filteredOut = 0;
    for (int i = 0; i < operators.size(); i++) {
      Operator operator = operators.get(i);
      List<Object> in = in(nodes, sourceSlots[i]);
      if (in == null || (fromNode && operator instanceof LateOperator)) {
        continue;
      }
      if (operator instanceof FilledOperator filled) {
        nodes[i + 1] = filled.drain();
        continue;
      }
      List<Object> out = applyAll(operator, in);
      if (operator instanceof FilterOperator) {
        filteredOut += in.size() - out.size();
      }
      nodes[i + 1] = out;
    }
    return new Result(slots, nodes, filteredOut);
  }

  /** The records reaching an operator reading {@code slots}: null when none of its nodes was reached. */
  private static List<Object> in(List<Object>[] nodes, int[] slots) {
    if (slots.length == 1) {
      return nodes[slots[0]]; // not a union: the hot path allocates nothing
    }
    return union(Arrays.stream(slots).mapToObj(slot -> nodes[slot]).toList());
  }

  /** What {@code operator} emits for all of {@code in}; the first record it throws on fails the whole input record. */
  private static List<Object> applyAll(Operator operator, List<Object> in) throws StepFailure {
    List<Object> out = new ArrayList<>(in.size());
    for (Object value : in) {
      try {
        operator.apply(value, out);
      } catch (OutOfMemoryError | LinkageError | InternalError e) {
        throw e;
      } catch (Throwable e) {
        throw failure(operator, e);
      }
    }
    return out;
  }

  private static StepFailure failure(Operator operator, Throwable cause) {
    if (cause instanceof dev.runnel.functions.inference.ModelCallException model) {
      return new StepFailure(ErrorType.MODEL, operator.name(), "inference '" + operator.name() + "': "
          + model.getMessage(), null);
    }
    if (cause instanceof LateRecordException late) {
      return new StepFailure(ErrorType.LATE, operator.name(), "window '" + operator.name() + "': " + late.getMessage(),
          null);
    }
    return new StepFailure(ErrorType.OPERATOR, operator.name(), "operator '" + operator.name() + "' threw", cause);
  }

  /** The records of every node for one input record, and how many records the filters dropped. */
  public static final class Result {
    private final Map<String, Integer> slots;
    private final List<Object>[] nodes;
    private final long filteredOut;

    private Result(Map<String, Integer> slots, List<Object>[] nodes, long filteredOut) {
      this.slots = slots;
      this.nodes = nodes;
      this.filteredOut = filteredOut;
    }

    /** The records of {@code node}, in emission order (callers do not modify them); empty when none reached it. */
    public List<Object> of(String node) {
      Integer slot = slots.get(node);
      List<Object> records = slot == null ? null : nodes[slot];
      return records == null ? List.of() : records;
    }

    /** How many records the filters dropped. */
    public long filteredOut() {
      return filteredOut;
    }
  }
}
