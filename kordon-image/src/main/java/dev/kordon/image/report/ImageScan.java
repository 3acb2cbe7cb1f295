package dev.kordon.image.report;

import dev.kordon.image.inventory.ImageInventory;
import dev.kordon.image.vuln.VulnerabilityMatch;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The result for one image: its inventory, the vulnerabilities matched, and the end of support of
 * its OS when that date has passed.
 */
public record ImageScan(
    ImageInventory inventory,
    List<VulnerabilityMatch> vulnerabilities,
    Optional<LocalDate> osEnded) {
  public ImageScan {
    vulnerabilities = List.copyOf(vulnerabilities);
  }
}
