package dev.wharf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.testing.BinaryWriter;
import dev.wharf.engine.types.FuncType;
import dev.wharf.engine.types.InstanceType;
import dev.wharf.engine.types.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComponentParserTest {
    @Test
    void parsesKitchenSinkComponent() {
        ParsedComponent c = ComponentParser.parse(TestComponents.load("kitchen-sink"));
        assertThat(c.imports()).extracting(ComponentExtern::name).containsExactly("wasi:http/types@0.2.0");
        assertThat(c.imports().get(0).toString()).isEqualTo("wasi:http/types@0.2.0: instance { fields: resource; "
                + "[constructor]fields: func() -> own<fields>; rec: type = record { a: u32, b: string }; get: func(x: u32) -> list<string> }");
        assertThat(c.exports()).extracting(ComponentExtern::name).containsExactly("run", "wasi:cli/run@0.2.0");
        assertThat(c.export("run").orElseThrow().type().toString()).isEqualTo("func(s: string) -> string");
        assertThat(c.export("wasi:cli/run@0.2.0").orElseThrow().toString())
                .isEqualTo("wasi:cli/run@0.2.0: instance { run: func(s: string) -> string; e: type = enum { a, b } }");
    }

    @Test
    void parsesResources() {
        ParsedComponent c = ComponentParser.parse(TestComponents.load("resources"));
        InstanceType api = (InstanceType) c.export("wharf:test/counters@1.0.0").orElseThrow().type();
        assertThat(api.exports().keySet()).containsExactly("counter", "[constructor]counter", "[method]counter.name");
        ResourceType counter = (ResourceType) api.exports().get("counter");
        FuncType ctor = (FuncType) api.exports().get("[constructor]counter");
        assertThat(ctor.result()).isPresent();
        assertThat(((dev.wharf.engine.types.OwnType) ctor.result().get()).resource()).isSameAs(counter);
        assertThat(api.exports().get("[method]counter.name").toString())
                .as("a defined resource takes the name it is exported under").isEqualTo("func(self: borrow<counter>) -> string");
    }

    @Test
    void parsesNestedComponentsInstancesAndOuterAliases() {
        ParsedComponent c = ComponentParser.parse(TestComponents.load("nested"));
        assertThat(c.imports()).extracting(ComponentExtern::toString)
                .containsExactly("log: func(msg: string)", "m: core module (1 imports, 1 exports)");
        assertThat(c.exports()).extracting(ComponentExtern::toString).containsExactly("child-bytes: type = list<u8>");
        assertThat(c.validated().components()).hasSize(1);
        assertThat(c.validated().nested()).singleElement().satisfies(child ->
                assertThat(child.type().exports().keySet()).containsExactly("bytes"));
        assertThat(c.validated().instances()).hasSize(1);
    }

    @Test
    void parsesTheWitComponentShapeOfAnHttpProxy() {
        ParsedComponent c = ComponentParser.parse(TestComponents.load("http-proxy-shape"));
        assertThat(c.imports()).extracting(ComponentExtern::name).containsExactly("wasi:io/poll@0.2.0", "wasi:http/types@0.2.0");
        InstanceType types = (InstanceType) c.importNamed("wasi:http/types@0.2.0").orElseThrow().type();
        InstanceType poll = (InstanceType) c.importNamed("wasi:io/poll@0.2.0").orElseThrow().type();
        assertThat(types.exports().get("pollable")).as("outer alias keeps resource identity").isSameAs(poll.exports().get("pollable"));
        assertThat(types.exports().get("[static]response-outparam.set").toString())
                .isEqualTo("func(param: own<response-outparam>, response: result<own<outgoing-response>, string>)");
        assertThat(types.exports().get("[static]fields.from-list").toString())
                .isEqualTo("func(entries: list<tuple<string, list<u8>>>) -> own<fields>");
        assertThat(c.exports()).extracting(ComponentExtern::toString).containsExactly(
                "wasi:http/incoming-handler@0.2.0: instance { incoming-request: resource; response-outparam: resource; "
                        + "handle: func(request: own<incoming-request>, response-out: own<response-outparam>) }");
        InstanceType handler = (InstanceType) c.exports().get(0).type();
        assertThat(handler.exports().get("incoming-request"))
                .as("instantiation substitutes the supplied resource").isSameAs(types.exports().get("incoming-request"));
    }

    @Test
    void emptyComponentHasNoImportsOrExports() {
        ParsedComponent c = ComponentParser.parse(BinaryWriter.component().toByteArray());
        assertThat(c.imports()).isEmpty();
        assertThat(c.exports()).isEmpty();
    }

    @Test
    void coreModuleGivesClearError() {
        assertThatThrownBy(() -> ComponentParser.parse(BinaryWriter.emptyCoreModule()))
                .isInstanceOf(MalformedComponentException.class)
                .hasMessageContaining("this is a core WebAssembly module, not a component");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lift-string-without-memory          | canon section: definition of func 0 at offset 82: canon lift of func(s: string) needs a memory option
            lower-string-result-without-realloc | canon section: definition of core func 0 at offset 86: canon lower of func 0 func() -> string needs a realloc option
            duplicate-export                    | export section: export 'RUN' at offset 34: duplicate export name 'RUN' (conflicts with 'run')
            alias-missing-export                | alias section: alias of func 0 at offset 75: alias of export 'get-environment' of instance 0, which has no such export (its exports: get-arguments)
            core-alias-missing-export           | alias of export 'nope' of core instance 1, which has no such export
            bad-type-index                      | import section: import 'a' at offset 11: type index 7 is out of range (the type index space has 0 entries)
            bad-func-index                      | export section: export 'run' at offset 11: func index 3 is out of range (the func index space has 0 entries)
            bad-import-name                     | import section: import 'Not_A_Label' at offset 18: malformed import name: 'Not_A_Label' is neither a kebab-case label nor an interface name 'ns:pkg/iface@version'
            own-of-non-resource                 | type section: type 1 at offset 12: own/borrow of type index 0 which is not a resource type (it is u32)
            resource-new-of-import              | resource.new of resource r, which is not defined by this component
            duplicate-string-encoding           | string-encoding given more than once
            """)
    void invalidComponentsAreRejectedPrecisely(String name, String message) {
        byte[] bytes = TestComponents.load("invalid/" + name);
        assertThatThrownBy(() -> ComponentParser.parse(bytes))
                .isExactlyInstanceOf(InvalidComponentException.class)
                .hasMessageContaining(message.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            async-lift  | not supported yet: async canonical option
            stream-type | not supported yet: stream type
            task-return | not supported yet: canon task.return
            fixed-list  | not supported yet: fixed-size list type
            """)
    void unsupportedFeaturesAreRejectedClearly(String name, String message) {
        byte[] bytes = TestComponents.load("unsupported/" + name);
        assertThatThrownBy(() -> ComponentParser.parse(bytes))
                .isInstanceOf(UnsupportedComponentFeatureException.class)
                .hasMessageStartingWith(message.strip());
    }

    @Test
    void valueAndStartSectionsAreUnsupported() {
        assertThatThrownBy(() -> ComponentParser.parse(BinaryWriter.component().section(12, w -> w.u32(0)).toByteArray()))
                .isInstanceOf(UnsupportedComponentFeatureException.class).hasMessageStartingWith("not supported yet: value definitions");
        assertThatThrownBy(() -> ComponentParser.parse(BinaryWriter.component().section(9, w -> w.u32(0).u32(0).u32(0)).toByteArray()))
                .isInstanceOf(UnsupportedComponentFeatureException.class).hasMessageStartingWith("not supported yet: start definitions");
    }
}
