/** Records a stage cannot process: why they failed, and how they are stored with their payload and context. */
package dev.runnel.functions.deadletter;
