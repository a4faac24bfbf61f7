package dev.certaudit.history;

import org.springframework.boot.test.context.SpringBootTest;

/** A pruned run's rows on the embedded H2 database. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:result-tables;DB_CLOSE_DELAY=-1")
class ResultTablesH2Test extends ResultTablesTests {

}
