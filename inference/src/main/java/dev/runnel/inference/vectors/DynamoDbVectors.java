package dev.runnel.inference.vectors;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fills a {@link VectorIndex} from a table sink whose items hold an embedding the way Runnel's table sinks write JSON
 * arrays: a list of numbers (L of N). Other scalar attributes (S, N, BOOL) become the vector's fields.
 */
public final class DynamoDbVectors {
  private DynamoDbVectors() {}

  /**
   * Scans {@code table} (strongly consistent) and indexes every item that has {@code vectorAttribute}, under the value
   * of {@code idAttribute} (S or N). Items without the vector are skipped.
   *
   * @throws IllegalArgumentException naming the item when its id is missing or its vector is not a list of numbers
   */
  public static VectorIndex load(DynamoDbClient dynamoDb, String table, String idAttribute, String vectorAttribute) {
    VectorIndex index = new VectorIndex();
    dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item -> {
      AttributeValue vector = item.get(vectorAttribute);
      if (vector == null) {
        return;
      }
      String id = id(item.get(idAttribute), table, idAttribute);
      index.add(id, floats(vector, id, vectorAttribute), fields(item, idAttribute, vectorAttribute));
    });
    return index;
  }

  private static String id(AttributeValue value, String table, String idAttribute) {
    if (value != null && value.s() != null) {
      return value.s();
    }
    if (value != null && value.n() != null) {
      return value.n();
    }
    throw new IllegalArgumentException("an item of table " + table + " has a vector but no string or number "
        + idAttribute);
  }

  private static float[] floats(AttributeValue vector, String id, String vectorAttribute) {
    if (!vector.hasL()) {
      throw new IllegalArgumentException("item " + id + ": " + vectorAttribute + " is not a list of numbers");
    }
    List<AttributeValue> list = vector.l();
    float[] floats = new float[list.size()];
    for (int i = 0; i < floats.length; i++) {
      String number = list.get(i).n();
      if (number == null) {
        throw new IllegalArgumentException("item " + id + ": element " + i + " of " + vectorAttribute
            + " is not a number");
      }
      floats[i] = new BigDecimal(number).floatValue();
    }
    return floats;
  }

  private static Map<String, String> fields(Map<String, AttributeValue> item, String idAttribute,
      String vectorAttribute) {
    Map<String, String> fields = new LinkedHashMap<>();
    item.forEach((name, value) -> {
      if (name.equals(idAttribute) || name.equals(vectorAttribute)) {
        return;
      }
      if (value.s() != null) {
        fields.put(name, value.s());
      } else if (value.n() != null) {
        fields.put(name, value.n());
      } else if (value.bool() != null) {
        fields.put(name, value.bool().toString());
      }
    });
    return fields;
  }
}
