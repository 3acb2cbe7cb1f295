package dev.kordon.audit;

import dev.kordon.control.ControlInfo;
import dev.kordon.model.JsonPointer;

/**
 * One detection over the event stream: a catalog entry ({@link #info()}) and what it makes of each
 * event. Pure but for the detection's own window (the Forbidden burst); never reads files.
 */
public interface Detection {

  ControlInfo info();

  /** Looks at one event, in time order, and reports what it finds to {@code hits}. */
  void observe(AuditEvent event, Hits hits);

  /** Where detections report. */
  interface Hits {
    /**
     * One event that triggered a detection. Hits with the same {@code key} become one finding
     * listing all their audit ids.
     *
     * @param key what makes two hits the same finding (subject and object, usually)
     * @param path the offending field of the event, as a JSON pointer
     */
    void hit(ControlInfo info, AuditEvent event, String key, JsonPointer path, String message);
  }
}
