package dev.kordon.image.inventory;

import dev.kordon.image.version.Ecosystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Maven coordinates of a Java archive, read as a stream: every {@code
 * META-INF/maven/GROUP/ARTIFACT/pom.properties}, also inside nested jars (Spring Boot's {@code
 * BOOT-INF/lib/*.jar}, a war's {@code WEB-INF/lib}), a few levels deep.
 */
public final class JarScanner {
  private JarScanner() {}

  static final int MAX_DEPTH = 4;
  static final long MAX_NESTED = 256L << 20;
  static final int MAX_PROPERTIES = 1 << 16;

  public static boolean isArchive(String path) {
    return path.endsWith(".jar") || path.endsWith(".war") || path.endsWith(".ear");
  }

  public static List<LangPackage> scan(InputStream in, String path) throws IOException {
    List<LangPackage> out = new ArrayList<>();
    scan(in, path, 0, out);
    return out;
  }

  private static void scan(InputStream in, String path, int depth, List<LangPackage> out)
      throws IOException {
    // the outer stream is the layer's: never close it here
    ZipArchiveInputStream zip = new ZipArchiveInputStream(in, "UTF-8", true, true);
    ZipArchiveEntry e;
    while ((e = zip.getNextEntry()) != null) {
      String name = e.getName();
      if (e.isDirectory()) {
        continue;
      }
      if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
        byte[] bytes = Limited.read(zip, MAX_PROPERTIES, path + "!/" + name);
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(bytes));
        String g = p.getProperty("groupId");
        String a = p.getProperty("artifactId");
        String v = p.getProperty("version");
        if (g != null && a != null && v != null && !v.isBlank()) {
          out.add(new LangPackage(Ecosystem.MAVEN, g.strip() + ":" + a.strip(), v.strip(), path));
        }
      } else if (isArchive(name) && depth < MAX_DEPTH) {
        try {
          scan(
              new Limited(zip, MAX_NESTED, path + "!/" + name), path + "!/" + name, depth + 1, out);
        } catch (IOException nested) {
          if (nested instanceof Limited.TooLarge) {
            throw nested;
          }
          // a nested archive that is not a zip (or uses a feature the stream cannot read)
          // hides nothing we could have read: the outer archive goes on
        }
      }
    }
  }
}
