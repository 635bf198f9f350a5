/** The pure part of a stage: records in, per-record emissions and failures out, nothing written. */
package dev.runnel.functions.processing;
