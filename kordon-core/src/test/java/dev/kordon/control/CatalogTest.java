package dev.kordon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The built-in catalog is well-formed: ids, reference spellings, framework membership. */
class CatalogTest {

  private static final Pattern ID = Pattern.compile("KOR-\\d{4}");
  private static final Pattern PEER = Pattern.compile("kubescape:C-\\d{4}|trivy:K(SV|CV)-\\d{4,5}");
  private static final Pattern REF =
      Pattern.compile(
          "cis:\\d+(\\.\\d+)*|nsa:[a-z0-9-]+|pss:(baseline|restricted)/[A-Za-z_]+"
              + "|mitre:T\\d{4}(\\.\\d{3})?");

  @Test
  void idsAreKordonIdsAndRefsUseOneSpellingEach() {
    List<String> bad = new ArrayList<>();
    for (ControlInfo info : Catalog.builtIn().infos()) {
      if (!ID.matcher(info.id()).matches()) {
        bad.add(info.id() + ": id");
      }
      for (String peer : info.peers()) {
        if (!PEER.matcher(peer).matches()) {
          bad.add(info.id() + ": peer " + peer);
        }
      }
      for (String ref : info.refs()) {
        if (!REF.matcher(ref).matches()) {
          bad.add(info.id() + ": ref " + ref);
        }
      }
    }
    assertThat(bad).isEmpty();
  }
}
