import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * Validates FHIR R5 resources (JSON files) with HAPI FHIR's instance validator against the core
 * structure definitions and value sets, offline (no terminology server: a code system the chain
 * does not hold is reported, not looked up). Several files share one start-up, which loads some
 * 7,000 definitions. Prints each issue as a JSON line {"file","severity","location","message"} and
 * exits 1 when any is an error or fatal, 2 on bad usage.
 */
public class Validate {
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: Validate <resource.json>...");
      System.exit(2);
    }
    FhirContext fhir = FhirContext.forR5();
    ValidationSupportChain support = new ValidationSupportChain(
        new DefaultProfileValidationSupport(fhir),
        new InMemoryTerminologyServerValidationSupport(fhir),
        new CommonCodeSystemsTerminologyService(fhir),
        new SnapshotGeneratingValidationSupport(fhir));
    FhirInstanceValidator instanceValidator = new FhirInstanceValidator(support);
    FhirValidator validator = fhir.newValidator().registerValidatorModule(instanceValidator);
    boolean failed = false;
    for (String file : args) {
      ValidationResult result = validator.validateWithResult(Files.readString(Path.of(file)));
      for (SingleValidationMessage issue : result.getMessages()) {
        ResultSeverityEnum severity = issue.getSeverity();
        failed |= severity == ResultSeverityEnum.ERROR || severity == ResultSeverityEnum.FATAL;
        System.out.println("{\"file\":" + quote(file) + ",\"severity\":" + quote(severity.getCode())
            + ",\"location\":" + quote(issue.getLocationString()) + ",\"message\":" + quote(issue.getMessage()) + "}");
      }
    }
    System.exit(failed ? 1 : 0);
  }

  private static String quote(String text) {
    if (text == null) return "null";
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }
}
