package dev.wharf.wasi.http.internal.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.wasi.http.internal.fields.Fields;
import dev.wharf.wasi.http.internal.io.StreamError;
import dev.wharf.wasi.http.internal.io.StreamErrorException;
import dev.wharf.wasi.http.internal.io.WasiInputStream;
import dev.wharf.wasi.http.internal.io.WasiOutputStream;
import dev.wharf.wasi.http.internal.io.WasiTrap;
import dev.wharf.wasi.http.internal.testing.TestPublisher;
import dev.wharf.wasi.http.internal.testing.TestSubscriber;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class BodyStateMachineTest {

    private record Incoming(TestPublisher pub, IncomingBodyStream stream, CompletableFuture<Optional<Fields>> trailers,
            IncomingBody body) {}

    private static Incoming incoming(IncomingBodyStream.Limits limits) {
        TestPublisher pub = new TestPublisher();
        IncomingBodyStream stream = new IncomingBodyStream(limits);
        pub.subscribe(stream);
        CompletableFuture<Optional<Fields>> trailers = new CompletableFuture<>();
        return new Incoming(pub, stream, trailers, new IncomingBody(stream, trailers));
    }

    @Test
    void incomingStreamCanBeTakenOnce() {
        Incoming in = incoming(IncomingBodyStream.Limits.DEFAULT);
        assertThat(in.body.stream()).isPresent();
        assertThat(in.body.stream()).isEmpty();
    }

    @Test
    void finishWhileTheStreamChildIsAliveTraps() {
        Incoming in = incoming(IncomingBodyStream.Limits.DEFAULT);
        in.body.stream().orElseThrow();
        assertThatThrownBy(in.body::finish).isInstanceOf(WasiTrap.class);
        assertThatThrownBy(in.body::drop).isInstanceOf(WasiTrap.class);
    }

    @Test
    void finishDrainsTheRestAndYieldsTrailersOnce() throws Exception {
        Incoming in = incoming(new IncomingBodyStream.Limits(1, 1024, -1));
        WasiInputStream s = in.body.stream().orElseThrow();
        in.pub.emit("part".getBytes(StandardCharsets.US_ASCII));
        assertThat(s.read(2)).hasSize(2);
        s.close();
        FutureTrailers ft = in.body.finish();
        assertThat(ft.get()).isEmpty();
        assertThat(ft.subscribe().ready()).isFalse();
        // The unread rest is drained so the end of the body (and its trailers) can arrive.
        in.pub.emitWhenRequested(new byte[500]);
        in.pub.emitWhenRequested(new byte[500]);
        assertThat(in.pub.outstanding()).isPositive();
        in.pub.complete();
        in.trailers.complete(Optional.of(Fields.received(List.of(Map.entry("x-digest", "d".getBytes(StandardCharsets.US_ASCII))))));
        assertThat(ft.subscribe().ready()).isTrue();
        assertThat(ft.get()).hasValueSatisfying(o -> assertThat(o).isInstanceOfSatisfying(FutureTrailers.Outcome.Trailers.class,
                t -> assertThat(t.trailers().orElseThrow().isImmutable()).isTrue()));
        assertThat(ft.get()).contains(new FutureTrailers.Outcome.AlreadyTaken());
        assertThatThrownBy(in.body::finish).isInstanceOf(WasiTrap.class);
    }

    @Test
    void failedBodyGivesAnErrorCodeFromTheTrailers() {
        Incoming in = incoming(IncomingBodyStream.Limits.DEFAULT);
        FutureTrailers ft = in.body.finish();
        in.trailers.completeExceptionally(new BodyTooLargeException(10));
        assertThat(ft.get()).contains(new FutureTrailers.Outcome.Failed(new ErrorCode.HttpRequestBodySize(OptionalLong.of(10))));
    }

    @Test
    void droppingAnUnfinishedIncomingBodyCancelsUpstream() {
        Incoming in = incoming(IncomingBodyStream.Limits.DEFAULT);
        in.body.stream().orElseThrow().close();
        in.body.drop();
        assertThat(in.pub.cancelled).isTrue();
    }

    @Test
    void aTeardownReleasesAnIncomingBodyWhoseStreamIsStillAliveWithoutTrapping() {
        Incoming in = incoming(IncomingBodyStream.Limits.DEFAULT);
        in.body.stream().orElseThrow(); // the guest still holds the child: a guest drop would trap
        in.body.release();
        assertThat(in.pub.cancelled).isTrue();
        in.body.release(); // idempotent
    }

    private static OutgoingResponse responseWithLength(String length) throws Exception {
        Fields headers = new Fields();
        if (length != null) {
            headers.append("content-length", length.getBytes(StandardCharsets.US_ASCII));
        }
        return new OutgoingResponse(headers);
    }

    @Test
    void outgoingBodyAndItsStreamAreHandedOutOnce() throws Exception {
        OutgoingResponse response = responseWithLength(null);
        OutgoingBody body = response.body().orElseThrow();
        assertThat(response.body()).isEmpty();
        assertThat(body.write()).isPresent();
        assertThat(body.write()).isEmpty();
        assertThat(response.headers().isImmutable()).isTrue();
    }

    @Test
    void finishWhileTheOutputStreamChildIsAliveTraps() throws Exception {
        OutgoingBody body = responseWithLength(null).body().orElseThrow();
        WasiOutputStream out = body.write().orElseThrow();
        assertThatThrownBy(() -> body.finish(null)).isInstanceOf(WasiTrap.class);
        out.close();
        assertThatThrownBy(out::checkWrite).isInstanceOf(WasiTrap.class);
        body.finish(null);
        assertThatThrownBy(() -> body.finish(null)).isInstanceOf(WasiTrap.class);
    }

    @Test
    void finishCompletesTheResponse() throws Exception {
        OutgoingBody body = responseWithLength("5").body().orElseThrow();
        TestSubscriber sub = new TestSubscriber();
        body.publisher().subscribe(sub);
        sub.request(1);
        WasiOutputStream out = body.write().orElseThrow();
        out.blockingWriteAndFlush("hello".getBytes(StandardCharsets.US_ASCII));
        out.close();
        body.finish(null);
        assertThat(sub.completed).isTrue();
        assertThat(new String(sub.bytes(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @Test
    void shortBodyAgainstContentLengthFailsFinishAndAbortsTheResponse() throws Exception {
        OutgoingBody body = responseWithLength("5").body().orElseThrow();
        TestSubscriber sub = new TestSubscriber();
        body.publisher().subscribe(sub);
        sub.request(1);
        WasiOutputStream out = body.write().orElseThrow();
        out.write("abc".getBytes(StandardCharsets.US_ASCII));
        out.close();
        assertThatThrownBy(() -> body.finish(null)).isInstanceOfSatisfying(HttpErrorException.class,
                e -> assertThat(e.code()).isEqualTo(new ErrorCode.HttpResponseBodySize(OptionalLong.of(3))));
        assertThat(sub.completed).isFalse();
        assertThat(sub.error).isInstanceOf(ResponseAbortedException.class);
    }

    @Test
    void writingPastContentLengthFailsTheWrite() throws Exception {
        OutgoingBody body = responseWithLength("2").body().orElseThrow();
        TestSubscriber sub = new TestSubscriber();
        body.publisher().subscribe(sub);
        sub.request(1);
        WasiOutputStream out = body.write().orElseThrow();
        try {
            out.write("abc".getBytes(StandardCharsets.US_ASCII));
            throw new AssertionError("expected a stream error");
        } catch (StreamErrorException e) {
            assertThat(e.error()).isInstanceOfSatisfying(StreamError.LastOperationFailed.class,
                    f -> assertThat(f.error().debugString()).contains("content-length"));
        }
        assertThatThrownBy(out::checkWrite).isInstanceOfSatisfying(StreamErrorException.class,
                e -> assertThat(e.error()).isEqualTo(StreamError.closed()));
        assertThat(sub.error).isInstanceOf(ResponseAbortedException.class);
        out.close();
        assertThatThrownBy(() -> body.finish(null)).isInstanceOf(HttpErrorException.class);
    }

    @Test
    void droppingTheBodyWithoutFinishAbortsTheResponse() throws Exception {
        OutgoingBody body = responseWithLength(null).body().orElseThrow();
        TestSubscriber sub = new TestSubscriber();
        body.publisher().subscribe(sub);
        sub.request(1);
        WasiOutputStream out = body.write().orElseThrow();
        out.blockingWriteAndFlush(new byte[10]);
        out.close();
        body.drop();
        assertThat(sub.events).containsExactly("next", "error");
        assertThat(sub.error).isInstanceOf(ResponseAbortedException.class);
    }

    @Test
    void aTeardownAbortsAnUnfinishedResponseWhoseStreamIsStillAliveWithoutTrapping() throws Exception {
        OutgoingBody body = responseWithLength(null).body().orElseThrow();
        TestSubscriber sub = new TestSubscriber();
        body.publisher().subscribe(sub);
        sub.request(1);
        WasiOutputStream out = body.write().orElseThrow();
        out.blockingWriteAndFlush(new byte[10]);
        assertThatThrownBy(body::drop).isInstanceOf(WasiTrap.class); // the rule holds for the guest
        body.release();
        assertThat(sub.events).containsExactly("next", "error");
        assertThat(sub.error).isInstanceOf(ResponseAbortedException.class);
    }

    @Test
    void aTeardownLeavesAFinishedResponseComplete() throws Exception {
        OutgoingBody body = responseWithLength(null).body().orElseThrow();
        TestSubscriber sub = new TestSubscriber();
        body.publisher().subscribe(sub);
        sub.request(1);
        WasiOutputStream out = body.write().orElseThrow();
        out.close();
        body.finish(null);
        body.release();
        assertThat(sub.completed).isTrue();
        assertThat(sub.error).isNull();
    }

    @Test
    void malformedContentLengthRefusesTheBody() throws Exception {
        assertThat(responseWithLength("abc").body()).isEmpty();
    }

    @Test
    void statusCodeIsValidated() throws Exception {
        OutgoingResponse r = responseWithLength(null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.setStatusCode(99)).isFalse();
        assertThat(r.setStatusCode(1000)).isFalse();
        assertThat(r.setStatusCode(404)).isTrue();
        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void responseOutparamIsSetOnce() throws Exception {
        ResponseOutparam param = new ResponseOutparam();
        OutgoingResponse response = responseWithLength(null);
        param.set(new ResponseOutparam.Outcome.Response(response));
        assertThatThrownBy(() -> param.set(new ResponseOutparam.Outcome.Error(new ErrorCode.InternalError(Optional.empty()))))
                .isInstanceOf(WasiTrap.class);
        param.drop(); // after set: no effect
        assertThat(param.response().get()).isEqualTo(new ResponseOutparam.Outcome.Response(response));
    }

    @Test
    void outparamDroppedWithoutSetFailsTheResponse() {
        ResponseOutparam param = new ResponseOutparam();
        param.drop();
        assertThatThrownBy(() -> param.response().get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ResponseOutparam.NotSetException.class);
    }
}
