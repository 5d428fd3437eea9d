package dev.wharf.engine;

/** The component binary decodes but breaks a validation rule (bad index, missing export, bad options...). */
public class InvalidComponentException extends ComponentException {
    private static final long serialVersionUID = 1L;

    public InvalidComponentException(String message) {
        super(message);
    }
}
