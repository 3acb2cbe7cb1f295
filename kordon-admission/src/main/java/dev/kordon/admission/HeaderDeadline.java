package dev.kordon.admission;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request headers do not arrive within the header timeout. The clock
 * starts when the connection is handed to HTTP (after the TLS handshake, which has a deadline of
 * its own) and, on a kept-alive connection, at the first byte of each next request; it stops when
 * the headers are complete. Traffic does not reset it: a client trickling one byte a second resets
 * an idle timeout forever, never this deadline. The body has its own deadline in {@link
 * AdmissionServer}.
 *
 * <p>Sits in front of the HTTP decoder; every method runs on the connection's event loop.
 */
final class HeaderDeadline extends ChannelInboundHandlerAdapter {

  static final String NAME = "kordonHeaderDeadline";

  private final long timeoutNanos;
  private final Runnable onExpiry;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> timer;
  // between complete headers and the end of the response: bytes then are the body (or a pipelined
  // next request, timed from its next byte once the response is out)
  private boolean inRequest;

  HeaderDeadline(long timeoutNanos, Runnable onExpiry) {
    this.timeoutNanos = timeoutNanos;
    this.onExpiry = onExpiry;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
    arm(); // the first request's headers are due from the start of the connection
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object msg) {
    if (!inRequest && timer == null) {
      arm();
    }
    context.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    cancel();
    context.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext context) {
    cancel();
  }

  /** The request's headers are complete: no header deadline until its response is out. */
  void headersComplete() {
    inRequest = true;
    cancel();
  }

  /** The response is out: the next request's clock starts with its first byte. */
  void responseSent() {
    inRequest = false;
  }

  private void arm() {
    if (timer != null || ctx == null) {
      return;
    }
    timer =
        ctx.executor()
            .schedule(
                () -> {
                  timer = null;
                  if (!inRequest && ctx.channel().isActive()) {
                    onExpiry.run();
                    ctx.close();
                  }
                },
                timeoutNanos,
                TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
