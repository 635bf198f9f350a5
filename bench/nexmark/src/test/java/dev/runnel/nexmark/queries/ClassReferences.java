package dev.runnel.nexmark.queries;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes a compiled class refers to, read from its constant pool: class entries and every type named in a
 * descriptor or generic signature.
 */
final class ClassReferences {
  private static final Pattern DESCRIBED = Pattern.compile("L([A-Za-z_$][A-Za-z0-9_$/]*)[;<]");

  private ClassReferences() {}

  /** Internal names ("java/util/List") of the classes {@code classFile} refers to. */
  static Set<String> of(InputStream classFile) throws IOException {
    DataInputStream in = new DataInputStream(classFile);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    List<Integer> classNames = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classNames.add(in.readUnsignedShort());
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    Set<String> references = new TreeSet<>();
    for (int index : classNames) {
      String name = utf8[index];
      if (name.startsWith("[")) {
        addDescribed(name, references);
      } else {
        references.add(name);
      }
    }
    for (String text : utf8) {
      if (text != null && (text.startsWith("(") || text.startsWith("L") || text.startsWith("[")
          || text.startsWith("<"))) {
        addDescribed(text, references);
      }
    }
    return references;
  }

  private static void addDescribed(String descriptor, Set<String> references) {
    Matcher matcher = DESCRIBED.matcher(descriptor);
    while (matcher.find()) {
      references.add(matcher.group(1));
    }
  }
}
