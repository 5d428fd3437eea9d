package dev.wharf.platform.components;

import dev.wharf.engine.ComponentException;
import dev.wharf.engine.ComponentExtern;
import dev.wharf.engine.Engine;
import dev.wharf.engine.Linker;
import dev.wharf.engine.ParsedComponent;
import dev.wharf.engine.UnlinkableComponentException;
import dev.wharf.engine.UnsupportedComponentFeatureException;
import dev.wharf.engine.core.CoreModuleException;
import dev.wharf.platform.api.ApiException;
import dev.wharf.platform.runtime.PlatformPlugins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What an upload must pass before it is stored: a wasi:http handler export, core modules that parse and validate,
 * a plan the runtime supports, and every import provided by the platform (wasi:http's world plus the host
 * plugins), checked by the real {@link Linker} on an engine that inspects core modules without compiling them.
 */
@Component
public class ComponentChecks {
    private static final Logger log = LoggerFactory.getLogger(ComponentChecks.class);
    public static final String HANDLER_EXPORT = "wasi:http/incoming-handler@0.2.";

    private final Engine inspector = Engine.inspector();
    private final Linker linker;

    public ComponentChecks(PlatformPlugins plugins) {
        this.linker = plugins.newLinker(inspector);
    }

    /**
     * @throws ApiException 422 when the component is valid but cannot run here (missing import, no handler
     *     export, an unsupported construct), 400 when a core module is invalid
     */
    public void check(ParsedComponent parsed) {
        boolean handler = parsed.exports().stream().map(ComponentExtern::name).anyMatch(n -> n.startsWith(HANDLER_EXPORT));
        if (!handler) {
            throw unprocessable("the component does not export " + HANDLER_EXPORT + "x (the wasi:http/proxy world's "
                    + "incoming handler), so it cannot serve requests");
        }
        try {
            linker.prepare(inspector.plan(parsed));
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

    static ApiException unprocessable(String detail) {
        return new ApiException(HttpStatus.valueOf(422), detail);
    }
}
