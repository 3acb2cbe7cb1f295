package dev.kordon.admission;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectDecoder;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The header deadline of every request of a connection: from the connection's start for its first
 * request, and from the first byte of each later request on a kept-alive connection, the request's
 * headers are due within the header timeout; traffic does not extend it (a client trickling a byte
 * at a time would reset an idle timeout for ever). A connection that misses it is closed. Between
 * requests a kept-alive connection may stay silent until the idle timeout, as the API server's
 * connection pool expects; a request's body has a deadline of its own.
 *
 * <p>Two pass-through handlers around the HTTP/1.1 decoder share this state: the one before it sees
 * the bytes, and starts the deadline when bytes arrive while no request is open; the one after it
 * sees the decoded request, and stops the deadline at the request's headers ({@link HttpRequest})
 * and closes the request at its last content. Both run on the connection's event loop, so the state
 * needs no locking. Not covered: a request whose first bytes come in the same read as the end of
 * the previous request's body and then nothing more; no byte arrives after it, so the idle timeout
 * closes it.
 */
final class HeaderDeadline {

  private final long timeoutNanos;
  private final Runnable onTimeout;
  private ScheduledFuture<?> timer;
  private boolean requestOpen;

  private HeaderDeadline(Duration timeout, Runnable onTimeout) {
    this.timeoutNanos = timeout.toNanos();
    this.onTimeout = onTimeout;
  }

  /**
   * Puts the deadline around the HTTP decoder of a new connection's pipeline and starts it for the
   * first request.
   *
   * @param onTimeout called (on the event loop) for each connection closed by the deadline
   * @return false when the pipeline has no HTTP/1.1 decoder (nothing installed)
   */
  static boolean install(ChannelPipeline pipeline, Duration timeout, Runnable onTimeout) {
    String decoder = null;
    for (Map.Entry<String, ChannelHandler> e : pipeline) {
      if (e.getValue() instanceof HttpObjectDecoder) {
        decoder = e.getKey();
        break;
      }
    }
    if (decoder == null) {
      return false;
    }
    HeaderDeadline d = new HeaderDeadline(timeout, onTimeout);
    pipeline.addBefore(decoder, "kordon-header-deadline-bytes", d.new Bytes());
    pipeline.addAfter(decoder, "kordon-header-deadline-requests", d.new Requests());
    d.requestOpen = true;
    d.start(pipeline.context("kordon-header-deadline-bytes"));
    return true;
  }

  private void start(ChannelHandlerContext ctx) {
    stop();
    timer =
        ctx.executor()
            .schedule(
                () -> {
                  timer = null;
                  onTimeout.run();
                  ctx.close();
                },
                timeoutNanos,
                TimeUnit.NANOSECONDS);
  }

  private void stop() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  /** Before the decoder: bytes while no request is open start one, and its deadline. */
  private final class Bytes extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!requestOpen && msg instanceof ByteBuf b && b.isReadable()) {
        requestOpen = true;
        start(ctx);
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      stop();
      ctx.fireChannelInactive();
    }
  }

  /** After the decoder: headers in stop the deadline; the last content closes the request. */
  private final class Requests extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) {
        stop();
      }
      if (msg instanceof LastHttpContent) {
        requestOpen = false;
      }
      ctx.fireChannelRead(msg);
    }
  }
}
