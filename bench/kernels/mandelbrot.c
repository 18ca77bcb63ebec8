/* Mandelbrot set: escape-time iteration counts over a grid, double
 * precision. */
#include "../bench_common.h"

int main(int argc, char **argv)
{
    double scale = bench_scale_arg(argc, argv, 1);
    long height = bench_scaled(600, scale);
    long width = 600;
    int max_iter = 500;
    uint64_t sum = 0;

    for (long py = 0; py < height; py++) {
        /* the rows cover the same region whatever the scale: y in [-1.25, 1.25] */
        double ci = -1.25 + 2.5 * (double)py / (double)height;
        uint64_t row = 0;
        for (long px = 0; px < width; px++) {
            double cr = -2.0 + 2.5 * (double)px / (double)width;
            double zr = 0, zi = 0;
            int it = 0;
            while (it < max_iter && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                it++;
            }
            row += (uint64_t)it * (uint64_t)(px + 1);
        }
        sum = bench_mix(sum, row);
    }
    bench_checksum("mandelbrot", sum);
    return 0;
}
