package dev.runnel.deploytests.readback;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.NodeList;

/**
 * Reads a CloudWatch dashboard's body through CloudWatch's query API (GetDashboard). The SDK's CloudWatch client
 * speaks the RPC v2 CBOR protocol, which moto 5.2 answers with 404; its query API works. Emulators check no
 * signature, so the request carries a placeholder one naming the service and region.
 */
public final class Dashboards {
  private final URI endpoint;
  private final String region;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Reads from the CloudWatch of {@code endpoint} in {@code region}. */
  public Dashboards(URI endpoint, String region) {
    this.endpoint = endpoint;
    this.region = region;
  }

  /** The body of dashboard {@code name}, as CloudFormation created it (intrinsics resolved). */
  public String body(String name) {
    String form = "Action=GetDashboard&Version=2010-08-01&DashboardName="
        + URLEncoder.encode(name, StandardCharsets.UTF_8);
    HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/" + region
            + "/monitoring/aws4_request, SignedHeaders=host, Signature=0")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GetDashboard " + name + " answered " + response.statusCode() + ": "
            + new String(response.body(), StandardCharsets.UTF_8));
      }
      NodeList bodies = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(response.body())).getElementsByTagName("DashboardBody");
      if (bodies.getLength() != 1) {
        throw new IllegalStateException("GetDashboard " + name + " answered no body");
      }
      return bodies.item(0).getTextContent();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IllegalStateException("GetDashboard " + name + " answered no XML", e);
    }
  }
}
