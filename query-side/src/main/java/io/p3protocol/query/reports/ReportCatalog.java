package io.p3protocol.query.reports;

import io.p3protocol.kernel.errors.UnknownAggregate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every {@link ComplianceReport} bean, by name. */
@Component
public class ReportCatalog {
    private final Map<String, ComplianceReport> byName = new TreeMap<>();

    public ReportCatalog(List<ComplianceReport> reports) {
        for (ComplianceReport report : reports) {
            ComplianceReport clash = byName.put(report.name(), report);
            if (clash != null) {
                throw new IllegalStateException("two reports are named '" + report.name() + "': "
                        + clash.getClass().getName() + " and " + report.getClass().getName());
            }
        }
    }

    /** The report called {@code name}; 404 {@code report_not_found} otherwise. */
    public ComplianceReport get(String name) {
        ComplianceReport report = byName.get(name);
        if (report == null) {
            throw new UnknownAggregate("report_not_found", "There is no report named '" + name + "'; known: "
                    + String.join(", ", byName.keySet()) + ".");
        }
        return report;
    }

    public Collection<ComplianceReport> all() {
        return byName.values();
    }
}
