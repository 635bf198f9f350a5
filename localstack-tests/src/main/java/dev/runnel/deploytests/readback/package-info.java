/** What a deployed stack holds, read back through the AWS APIs: event source mappings and role policies. */
package dev.runnel.deploytests.readback;
