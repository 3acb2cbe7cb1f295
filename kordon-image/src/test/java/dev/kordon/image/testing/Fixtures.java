package dev.kordon.image.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The fixture images and OSV records the tests share, with what each must yield. The Debian image
 * exercises dpkg rules (removed packages, status-old, md5sums, Source:), a symlinked os-release,
 * whiteouts, and jar/npm/PyPI files; the Alpine image the exact {@code Alpine:v3.20} ecosystem.
 */
public final class Fixtures {
  private Fixtures() {}

  static final String DPKG_STATUS =
      """
      Package: libssl3
      Status: install ok installed
      Architecture: amd64
      Source: openssl
      Version: 3.0.11-1~deb12u2
      Description: Secure Sockets Layer toolkit
       a continuation line: Version: 9.9

      Package: openssl
      Status: install ok installed
      Architecture: amd64
      Version: 3.0.11-1~deb12u2

      Package: bash
      Status: install ok installed
      Architecture: amd64
      Source: bash (5.2.15-2)
      Version: 5.2.15-2+b2

      Package: oldlib
      Status: deinstall ok config-files
      Architecture: amd64
      Version: 1.0-1

      Package: zlib1g
      Status: install ok installed
      Architecture: amd64
      Source: zlib
      Version: 1:1.2.13.dfsg-1
      """;

  public static List<TestLayer> debian() {
    TestLayer base =
        new TestLayer()
            .dir("etc")
            .symlink("etc/os-release", "../usr/lib/os-release")
            .file(
                "usr/lib/os-release",
                "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                    + "VERSION_ID=\"12\"\nID=debian\n")
            .file("var/lib/dpkg/status", DPKG_STATUS)
            .file(
                "var/lib/dpkg/status-old",
                "Package: ghost\nStatus: install ok installed\nVersion: 1\n")
            .file("var/lib/dpkg/status.d/ghost.md5sums", "Package: ghost2\nVersion: 1\n")
            .file("usr/share/old/app.jar", "")
            .bytes(
                "opt/legacy/lib/commons-text.jar",
                TestLayer.jar(TestLayer.pom("org.apache.commons", "commons-text", "1.9")))
            .file("opt/cache/keep.txt", "lower");
    byte[] nested =
        TestLayer.jar(TestLayer.pom("com.fasterxml.jackson.core", "jackson-databind", "2.9.8"));
    Object[] outer =
        concat(
            TestLayer.pom("org.apache.logging.log4j", "log4j-core", "2.14.1"),
            new Object[] {"BOOT-INF/lib/jackson-databind-2.9.8.jar", nested});
    TestLayer app =
        new TestLayer()
            .bytes("app/app.jar", TestLayer.jar(outer))
            .file(
                "app/node_modules/lodash/package.json",
                "{\"name\":\"lodash\",\"version\":\"4.17.20\"}")
            .file(
                "app/node_modules/@types/node/package.json",
                "{\"name\":\"@types/node\",\"version\":\"20.1.0\"}")
            .file(
                "usr/lib/python3/dist-packages/Requests-2.25.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: Requests\nVersion: 2.25.0\n\nLong description\n")
            .whiteout("opt/legacy/lib/commons-text.jar")
            .opaque("opt/cache")
            .file("opt/cache/new.txt", "upper");
    return List.of(base, app);
  }

  /** The packages the Debian fixture must list: name@version per ecosystem, in report order. */
  public static final List<String> DEBIAN_PACKAGES =
      List.of(
          "Debian:12 bash 5.2.15-2+b2",
          "Debian:12 libssl3 3.0.11-1~deb12u2",
          "Debian:12 openssl 3.0.11-1~deb12u2",
          "Debian:12 zlib1g 1:1.2.13.dfsg-1",
          "Maven com.fasterxml.jackson.core:jackson-databind 2.9.8",
          "Maven org.apache.logging.log4j:log4j-core 2.14.1",
          "PyPI Requests 2.25.0",
          "npm @types/node 20.1.0",
          "npm lodash 4.17.20");

  public static List<TestLayer> alpine() {
    return List.of(
        new TestLayer()
            .file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\n")
            .file(
                "lib/apk/db/installed",
                """
                C:Q1abc=
                P:busybox
                V:1.36.1-r28
                A:x86_64
                o:busybox

                P:libcrypto3
                V:3.3.2-r0
                A:x86_64
                o:openssl

                P:libssl3
                V:3.3.2-r0
                A:x86_64
                o:openssl
                """));
  }

  /** Writes the OSV records: each must match, or must not, for a stated reason. */
  public static Path osv(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("debian"));
    Files.createDirectories(dir.resolve("other/deeper"));
    // Debian advisory on the source package openssl: one finding for libssl3 and openssl
    write(
        dir.resolve("debian/DSA-0001.json"),
        record(
            "DSA-0001-1",
            "Debian:12",
            "openssl",
            "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"3.0.13-1~deb12u1\"}]}]",
            "",
            "\"aliases\":[\"CVE-2024-0001\"],"));
    // the same package in Debian 11: another ecosystem, never matched
    write(
        dir.resolve("debian/DSA-0002.json"),
        record(
            "DSA-0002-1",
            "Debian:11",
            "openssl",
            "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"}]}]",
            "",
            ""));
    // bash source version 5.2.15-2 is <= last_affected
    write(
        dir.resolve("debian/DEBIAN-CVE-2024-0003.json"),
        record(
            "DEBIAN-CVE-2024-0003",
            "Debian:12",
            "bash",
            "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"5.0-1\"},{\"last_affected\":\"5.2.15-2\"}]}]",
            "",
            ""));
    // fixed before the installed epoch version: not affected (1:1.2.13 > 1.3)
    write(
        dir.resolve("debian/DEBIAN-CVE-2024-0004.json"),
        record(
            "DEBIAN-CVE-2024-0004",
            "Debian:12",
            "zlib",
            "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.3\"}]}]",
            "",
            ""));
    // withdrawn: ignored
    write(
        dir.resolve("debian/DEBIAN-CVE-2024-0005.json"),
        record(
            "DEBIAN-CVE-2024-0005",
            "Debian:12",
            "zlib",
            "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"}]}]",
            "",
            "\"withdrawn\":\"2024-02-01T00:00:00Z\","));
    // the removed package (config files only) is not installed
    write(
        dir.resolve("debian/DEBIAN-CVE-2024-0006.json"),
        record(
            "DEBIAN-CVE-2024-0006",
            "Debian:12",
            "oldlib",
            "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"}]}]",
            "",
            ""));
    write(
        dir.resolve("other/GHSA-jfh8-c2jp-5v3q.json"),
        record(
            "GHSA-jfh8-c2jp-5v3q",
            "Maven",
            "org.apache.logging.log4j:log4j-core",
            "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"2.0-beta9\"},{\"fixed\":\"2.15.0\"}]}]",
            "\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\"}],",
            "\"aliases\":[\"CVE-2021-44228\"],"));
    write(
        dir.resolve("other/deeper/GHSA-jackson.json"),
        "{\"id\":\"GHSA-jackson\",\"modified\":\"2024-03-01T00:00:00Z\","
            + "\"database_specific\":{\"severity\":\"MODERATE\"},"
            + "\"affected\":[{\"package\":{\"ecosystem\":\"Maven\",\"name\":\"com.fasterxml.jackson.core:jackson-databind\"},"
            + "\"versions\":[\"2.9.7\",\"2.9.8\"]}]}");
    // commons-text was deleted by a whiteout: its advisory must not match
    write(
        dir.resolve("other/GHSA-text.json"),
        record(
            "GHSA-text",
            "Maven",
            "org.apache.commons:commons-text",
            "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.10.0\"}]}]",
            "",
            ""));
    write(
        dir.resolve("other/GHSA-lodash.json"),
        record(
            "GHSA-lodash",
            "npm",
            "lodash",
            "[{\"type\":\"SEMVER\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"4.17.21\"}]}]",
            "\"database_specific\":{\"severity\":\"HIGH\"},",
            ""));
    // PyPI names compare after PEP 503 normalisation: "requests" matches "Requests"
    write(
        dir.resolve("other/PYSEC-requests.json"),
        record(
            "PYSEC-requests",
            "PyPI",
            "requests",
            "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"2.31.0\"}]}]",
            "",
            ""));
    // Alpine: exact ecosystem Alpine:v3.20; Alpine:v3.2 is another branch, never a prefix match
    write(
        dir.resolve("other/ALPINE-openssl.json"),
        record(
            "ALPINE-CVE-2024-0010",
            "Alpine:v3.20",
            "openssl",
            "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"3.3.2-r1\"}]}]",
            "",
            ""));
    write(
        dir.resolve("other/ALPINE-busybox.json"),
        record(
            "ALPINE-CVE-2024-0011",
            "Alpine:v3.2",
            "busybox",
            "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"}]}]",
            "",
            ""));
    write(
        dir.resolve("other/ALPINE-busybox-fixed.json"),
        record(
            "ALPINE-CVE-2024-0012",
            "Alpine:v3.20",
            "busybox",
            "[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"1.36.1_p1\"}]}]",
            "",
            ""));
    Files.writeString(dir.resolve("other/broken.json"), "{not json");
    return dir;
  }

  /** Expected vulnerabilities of the Debian fixture: id package version fixed severity. */
  public static final List<String> DEBIAN_VULNS =
      List.of(
          "GHSA-jfh8-c2jp-5v3q org.apache.logging.log4j:log4j-core 2.14.1 2.15.0 critical",
          "GHSA-lodash lodash 4.17.20 4.17.21 high",
          "GHSA-jackson com.fasterxml.jackson.core:jackson-databind 2.9.8 - medium",
          "DEBIAN-CVE-2024-0003 bash 5.2.15-2 - unknown",
          "DSA-0001-1 openssl 3.0.11-1~deb12u2 3.0.13-1~deb12u1 unknown",
          "PYSEC-requests Requests 2.25.0 2.31.0 unknown");

  /** Expected vulnerabilities of the Alpine fixture. */
  public static final List<String> ALPINE_VULNS =
      List.of(
          "ALPINE-CVE-2024-0012 busybox 1.36.1-r28 1.36.1_p1 unknown",
          "ALPINE-CVE-2024-0010 openssl 3.3.2-r0 3.3.2-r1 unknown");

  private static String record(
      String id, String ecosystem, String name, String ranges, String severity, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"modified\":\"2024-05-01T00:00:00Z\","
        + extra
        + severity
        + "\"affected\":[{\"package\":{\"ecosystem\":\""
        + ecosystem
        + "\",\"name\":\""
        + name
        + "\"},\"ranges\":"
        + ranges
        + "}]}";
  }

  private static void write(Path p, String s) throws IOException {
    Files.writeString(p, s);
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
