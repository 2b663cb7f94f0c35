package io.toolgate.tool;

/** The call needs a client capability (sampling, elicitation, roots) that the client did not declare. */
public final class ClientCapabilityMissingException extends ToolException {

    private final String capability;

    public ClientCapabilityMissingException(String capability) {
        super("This tool needs the client capability '" + capability + "', which the client did not declare");
        this.capability = capability;
    }

    public String capability() {
        return capability;
    }
}
