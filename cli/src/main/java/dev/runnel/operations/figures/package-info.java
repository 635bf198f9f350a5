/**
 * The web dashboard's figures of a deployed job ({@code runnel ui --stack}): where each stage stands on its shards,
 * its dead letters and the sums of the metrics its functions published.
 */
package dev.runnel.operations.figures;
