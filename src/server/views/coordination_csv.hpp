#pragma once
/// The coordinator's two CSV downloads, written with the one CSV writer (csv_text.hpp) like every
/// other CSV the project makes: the national dashboard's rows and the clinics with their current
/// assembly. Both start with a UTF-8 BOM so spreadsheet programs read the accents right, and
/// spell states and times in Spanish as the page shows them.

#include "domain/clinic.hpp"
#include "store/assembly_repo.hpp"
#include "store/national_repo.hpp"

#include <map>
#include <string>
#include <vector>

namespace asamblea::server {

/// One row per assembly on the dashboard, in the order given.
std::string dashboard_csv(const std::vector<store::national_row>& rows);

/// One row per clinic, with its newest assembly when it has one.
std::string clinics_csv(const std::vector<domain::clinic>& clinics,
                        const std::map<std::string, store::current_assembly>& assemblies);

} // namespace asamblea::server
