/**
 * What the operations commands ({@code runnel status}, {@code runnel dead-letters}, {@code runnel state}) read and
 * write, apart from the command line: a job's resources on a local run's state directory or a deployed stack
 * ({@code target}), the status of its stages and shards ({@code status}), its dead letters and their replay
 * ({@code deadletters}), and the keyed state of one key ({@code state}).
 */
package dev.runnel.operations;
