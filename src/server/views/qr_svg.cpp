#include "server/views/qr_svg.hpp"

#include <qrencode.h>

#include <memory>

namespace asamblea::server {

domain::result<std::string> qr_svg(std::string_view text) {
    std::string input(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!code)
        return domain::fail(domain::error_kind::internal, "qr_failed",
                            "No se pudo generar el código QR.");
    constexpr int quiet = 4; // the margin scanners need around the symbol
    const int width = code->width;
    const int size = width + 2 * quiet;
    std::string path;
    for (int y = 0; y < width; ++y) {
        int x = 0;
        while (x < width) {
            if (!(code->data[y * width + x] & 1)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < width && (code->data[y * width + x + run] & 1))
                ++run;
            path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h" +
                    std::to_string(run) + "v1h-" + std::to_string(run) + "z";
            x += run;
        }
    }
    std::string s = std::to_string(size);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s + " " + s +
           "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"Código QR de la "
           "credencial\"><rect width=\"" +
           s + "\" height=\"" + s + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path +
           "\"/></svg>";
}

} // namespace asamblea::server
