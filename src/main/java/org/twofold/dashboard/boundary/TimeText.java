package org.twofold.dashboard.boundary;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.convert.Converter;
import jakarta.faces.convert.FacesConverter;

/**
 * Shows a point in time as operators read it, in the appliance's time zone (the one schedules run in):
 * {@code <h:outputText value="#{row.lastSeenAt}" converter="twofold.time"/>}. The Faces 4.0 date converter
 * does not take an {@link Instant}. For display only.
 */
@FacesConverter("twofold.time")
public class TimeText implements Converter<Instant> {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    @Override
    public Instant getAsObject(FacesContext context, UIComponent component, String text) {
        throw new UnsupportedOperationException("times are shown, not entered");
    }

    @Override
    public String getAsString(FacesContext context, UIComponent component, Instant time) {
        return time == null ? "" : FORMAT.format(time.atZone(ZoneId.systemDefault()));
    }
}
