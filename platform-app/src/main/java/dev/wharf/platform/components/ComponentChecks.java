package dev.wharf.platform.components;

import dev.wharf.engine.ComponentException;
import dev.wharf.engine.ComponentPlan;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.ParsedComponent;
import dev.wharf.engine.UnlinkableComponentException;
import dev.wharf.engine.UnsupportedComponentFeatureException;
import dev.wharf.engine.core.CoreModuleException;
import dev.wharf.platform.api.ApiException;
import dev.wharf.platform.runtime.PlatformPlugins;
import dev.wharf.wasi.http.WasiHttpHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What an upload must pass before it is stored: core modules that parse and validate, a plan the runtime supports, a
 * wasi:http handler export the gateway serves ({@link WasiHttpHost#handlerExport}: a stable {@code 0.2.x} release),
 * and every import provided by the platform (wasi:http's world plus the host plugins), checked by the real
 * {@link Linker} on an engine that inspects core modules without compiling them.
 */
@Component
public class ComponentChecks {
    private static final Logger log = LoggerFactory.getLogger(ComponentChecks.class);

    private final Engine inspector = Engine.inspector();
    private final Linker linker;

    public ComponentChecks(PlatformPlugins plugins) {
        this.linker = plugins.newLinker(inspector);
    }

    /**
     * @throws ApiException 422 when the component is valid but cannot run here (missing import, no handler
     *     export Wharf serves, an unsupported construct), 400 when a core module is invalid
     */
    public void check(ParsedComponent parsed) {
        try {
            ComponentPlan plan = inspector.plan(parsed);
            checkHandler(plan);
            linker.prepare(plan);
        } catch (ApiException e) {
            throw e;
        } catch (UnlinkableComponentException e) {
            throw unprocessable(e.getMessage());
        } catch (UnsupportedComponentFeatureException e) {
            throw unprocessable("the component uses something Wharf cannot run yet: " + e.getMessage());
        } catch (ComponentException | CoreModuleException e) {
            throw ApiException.badRequest("not a valid WebAssembly component: " + e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            log.warn("The engine failed checking an uploaded component", e);
            throw ApiException.badRequest("not a valid WebAssembly component: the engine could not check it ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The gateway's own check ({@link WasiHttpHost#handlerExport}), so an accepted upload is one it serves. */
    private static void checkHandler(ComponentPlan plan) {
        try {
            WasiHttpHost.handlerExport(plan);
        } catch (IllegalArgumentException e) {
            throw unprocessable(e.getMessage());
        }
    }

    static ApiException unprocessable(String detail) {
        return new ApiException(HttpStatus.valueOf(422), detail);
    }
}
