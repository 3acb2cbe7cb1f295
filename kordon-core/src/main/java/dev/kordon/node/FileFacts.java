package dev.kordon.node;

/**
 * Mode and owner of one file on the node.
 *
 * @param mode permission bits (e.g. {@code 0644}), without the file type
 * @param owner the user name from the node's {@code etc/passwd}, or the uid as text
 * @param group the group name from the node's {@code etc/group}, or the gid as text
 */
public record FileFacts(
    String path, boolean directory, int mode, int uid, int gid, String owner, String group) {

  /** {@code 0644}. */
  public String modeText() {
    return String.format("%04o", mode);
  }

  /** Whether no permission bit outside {@code allowed} is set ("600 or more restrictive"). */
  public boolean within(int allowed) {
    return (mode & ~allowed) == 0;
  }
}
