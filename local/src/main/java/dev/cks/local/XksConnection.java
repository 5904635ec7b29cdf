package dev.cks.local;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;

/**
 * One HTTP/1.1 connection of the proxy: gathers each request's body, hands the request to the
 * {@link XksHandler} on the connection's own event-loop thread, and writes the answer, keeping the
 * connection open unless the client asked to close it.
 *
 * <p>The route and method are known from the request line, before the body; a body that grows past
 * the limit is answered at once with UnsupportedOperationException and the connection closed,
 * without reading the rest. A request the HTTP decoder cannot read gets 400 and a close.
 */
final class XksConnection extends ChannelInboundHandlerAdapter {

  private static final byte[] NO_BODY = new byte[0];

  private final XksHandler handler;
  private XksHandler.Exchange exchange;
  private HttpHeaders headers;
  private HttpVersion version;
  private boolean keepAlive;
  private boolean discarding;
  private byte[] body = NO_BODY;
  private int size;

  XksConnection(XksHandler handler) {
    this.handler = handler;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    try {
      if (message instanceof HttpRequest) {
        begin(ctx, (HttpRequest) message);
      }
      if (message instanceof HttpContent && !discarding && exchange != null) {
        content(ctx, (HttpContent) message);
      }
    } finally {
      ReferenceCountUtil.release(message);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A failed handshake or a reset connection; the client sees the connection close.
    if (XksHandler.REQUESTS.isDebugEnabled()) {
      XksHandler.REQUESTS.debug(
          "connection from {} closed: {}",
          ctx.channel().remoteAddress(),
          cause.getClass().getSimpleName());
    }
    ctx.close();
  }

  private void begin(ChannelHandlerContext ctx, HttpRequest request) {
    exchange = null;
    size = 0;
    if (request.decoderResult().isFailure()) {
      discarding = true;
      send(ctx, HttpResponseStatus.BAD_REQUEST, Unpooled.EMPTY_BUFFER, true, false);
      return;
    }
    discarding = false;
    headers = request.headers();
    version = request.protocolVersion();
    keepAlive = HttpUtil.isKeepAlive(request);
    exchange = handler.start(request.method().name(), request.uri());
    if (exchange.wantsBody() && HttpUtil.getContentLength(request, 0L) > handler.maxBodyBytes()) {
      refuseTooLarge(ctx);
    }
  }

  private void content(ChannelHandlerContext ctx, HttpContent content) {
    if (exchange.wantsBody()) {
      ByteBuf bytes = content.content();
      int length = bytes.readableBytes();
      if (size + length > handler.maxBodyBytes()) {
        refuseTooLarge(ctx);
        return;
      }
      if (size + length > body.length) {
        body = Arrays.copyOf(body, Math.max(size + length, Math.min(2 * body.length, 1 << 20)));
      }
      bytes.getBytes(bytes.readerIndex(), body, size, length);
      size += length;
    }
    if (content instanceof LastHttpContent) {
      XksHandler.Answer answer =
          exchange.finish(headers::getAll, size == 0 ? NO_BODY : Arrays.copyOf(body, size));
      exchange = null;
      size = 0;
      respond(ctx, answer, !keepAlive);
    }
  }

  private void refuseTooLarge(ChannelHandlerContext ctx) {
    XksHandler.Answer answer = exchange.tooLarge();
    exchange = null;
    discarding = true;
    respond(ctx, answer, true);
  }

  private void respond(ChannelHandlerContext ctx, XksHandler.Answer answer, boolean close) {
    boolean json = answer.body() != null;
    send(
        ctx,
        HttpResponseStatus.valueOf(answer.status()),
        json ? Unpooled.wrappedBuffer(answer.body()) : Unpooled.EMPTY_BUFFER,
        close,
        json);
  }

  private void send(
      ChannelHandlerContext ctx,
      HttpResponseStatus status,
      ByteBuf content,
      boolean close,
      boolean json) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    HttpHeaders out = response.headers();
    if (json) {
      out.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    }
    out.setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    if (status.code() == 405) {
      out.set(HttpHeaderNames.ALLOW, "POST");
    }
    if (close) {
      out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ChannelFuture written = ctx.writeAndFlush(response);
      written.addListener(ChannelFutureListener.CLOSE);
    } else {
      if (version == HttpVersion.HTTP_1_0) {
        out.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      }
      ctx.write(response);
    }
  }
}
