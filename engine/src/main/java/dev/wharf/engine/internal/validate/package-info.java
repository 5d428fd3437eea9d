/**
 * Validation of a decoded component: builds the index spaces in definition order ({@link
 * dev.wharf.engine.internal.validate.Scope}), resolves types into {@code dev.wharf.engine.types}, and
 * checks indices, aliases, canonical options, names and the supported feature set. Entry point: {@link
 * dev.wharf.engine.internal.validate.ComponentValidator#validate}. Known limits: exports of core
 * instances that instantiate inline core modules are not known here (Chicory checks them at
 * instantiation); subtyping of ascribed/instantiation types is checked by equality for functions and
 * value types and by name/sort for instances.
 */
package dev.wharf.engine.internal.validate;
