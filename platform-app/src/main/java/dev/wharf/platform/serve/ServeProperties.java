package dev.wharf.platform.serve;

import dev.wharf.platform.gateway.GatewayComponent;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code wharf.serve.*}: the limits of the component served in developer mode (pass them as
 * {@code --wharf.serve.timeout=5s} and so on).
 */
public record ServeProperties(
        @DefaultValue("128MB") DataSize memory,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("16") int maxConcurrency,
        @DefaultValue("1s") Duration queueTimeout,
        @DefaultValue("64MB") DataSize maxRequestBody) {

    GatewayComponent.Limits limits() {
        return new GatewayComponent.Limits(memory.toBytes(), timeout, maxConcurrency, queueTimeout,
                maxRequestBody.toBytes());
    }
}
