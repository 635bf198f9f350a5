/**
 * Keyed state inside a function: the states a stage declares ({@link dev.runnel.functions.state.StateBinding}), the
 * working copy of one key's states during a batch ({@link dev.runnel.functions.state.KeyState}, with per-record
 * rollback), its stored JSON form ({@link dev.runnel.functions.state.KeyStateCodec}) and the handles user operators
 * receive, which read and write the state of the {@link dev.runnel.functions.state.CurrentKey}.
 */
package dev.runnel.functions.state;
