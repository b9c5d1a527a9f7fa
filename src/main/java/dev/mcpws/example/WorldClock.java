package dev.mcpws.example;

import dev.mcpws.api.CompleteResourceTemplate;
import dev.mcpws.api.ResourceNotFoundException;
import dev.mcpws.api.ResourceTemplate;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A resource template: the current time in any IANA time zone, e.g. {@code time://Europe/Paris}. The zone's slash
 * needs reserved expansion ({@code {+zone}}); clients can complete zone names ({@code completion/complete}).
 */
@ApplicationScoped
public class WorldClock {

    @ResourceTemplate(uriTemplate = "time://{+zone}", name = "world_clock", title = "World clock",
            description = "The current date and time in an IANA time zone, e.g. time://Europe/Paris", mimeType = "text/plain")
    public String now(String zone) {
        try {
            return ZonedDateTime.now(ZoneId.of(zone)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " " + zone;
        } catch (DateTimeException e) {
            throw new ResourceNotFoundException("Unknown time zone: " + zone);
        }
    }

    /** Zone ids containing what was typed (case-insensitive), those starting with it first. */
    @CompleteResourceTemplate("time://{+zone}")
    public List<String> zones(String zone) {
        String typed = zone.toLowerCase(Locale.ROOT);
        return ZoneId.getAvailableZoneIds().stream()
                .filter(z -> z.toLowerCase(Locale.ROOT).contains(typed))
                .sorted((a, b) -> {
                    boolean pa = a.toLowerCase(Locale.ROOT).startsWith(typed);
                    boolean pb = b.toLowerCase(Locale.ROOT).startsWith(typed);
                    return pa == pb ? a.compareTo(b) : pa ? -1 : 1;
                })
                .toList();
    }
}
