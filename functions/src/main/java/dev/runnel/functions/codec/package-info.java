/** Decoding input payloads: the shared JSON mapper and user codecs. */
package dev.runnel.functions.codec;
