/** Public model of Component Model types, printed in WIT syntax. */
package dev.wharf.engine.types;
